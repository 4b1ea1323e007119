"""The domain and the services know nothing of Qt: the command line needs neither."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "aqdesk"


def imported_modules(folder: Path):
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield path, [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield path, [node.module]


def test_domain_and_services_import_no_qt():
    for layer in ("domain", "services", "db", "exchange"):
        for path, names in imported_modules(PACKAGE / layer):
            assert not any(n.startswith("PySide6") for n in names), f"{path} imports Qt"


def test_domain_imports_no_sqlalchemy():
    for path, names in imported_modules(PACKAGE / "domain"):
        assert not any(n.startswith("sqlalchemy") for n in names), f"{path} imports SQLAlchemy"
