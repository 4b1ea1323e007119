"""The layers and the wings of the services, as the README's development section states them.

domain   pure rules: imports nothing of the project but itself, and neither Qt nor SQL nor files
db       models and sessions: no services, exchange or ui
exchange files in and out: no services, db or ui
services use cases: no ui, no Qt; each wing imports only the wings below it
ui       widgets: no db.models and no exchange (it goes through the services)

Imports inside functions count: they are deferred, not absent.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "aqdesk"

# What each wing of services/ may import besides itself; services/demo.py builds the demo
# office and may import any wing.
WINGS = {
    "common": set(),
    "ledgers": {"common"},
    "supervision": {"common", "ledgers"},
    "importing": {"common", "ledgers"},
    "air": {"common"},
    "reports": {"common", "ledgers", "supervision", "importing", "air"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


@cache
def imports(module: str) -> frozenset[str]:
    """Every module ``module`` imports, the project's resolved to modules, others as named."""
    found = set()
    for node in ast.walk(ast.parse(modules()[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if node.module.startswith("aqdesk") and is_module(sub) else node.module)
    return frozenset(found)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def wing(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "services" else None


def violations(rule) -> list[str]:
    return [f"{m} imports {i}" for m in sorted(modules()) for i in sorted(imports(m)) if rule(m, i)]


def test_domain_imports_nothing_of_the_project_but_itself_nor_qt_sql_or_files():
    assert not violations(lambda m, i: layer(m) == "domain" and (
        i.startswith("aqdesk") and layer(i) != "domain" or i.split(".")[0] in ("PySide6", "sqlalchemy", "openpyxl")))


def test_nothing_below_the_ui_imports_qt():
    assert not violations(lambda m, i: layer(m) in ("domain", "db", "exchange", "services")
                          and i.startswith("PySide6"))


def test_db_imports_no_services_exchange_or_ui():
    assert not violations(lambda m, i: layer(m) == "db" and layer(i) in ("services", "exchange", "ui")
                          and i.startswith("aqdesk"))


def test_exchange_imports_no_services_db_or_ui():
    assert not violations(lambda m, i: layer(m) == "exchange" and layer(i) in ("services", "db", "ui")
                          and i.startswith("aqdesk"))


def test_services_import_no_ui():
    assert not violations(lambda m, i: layer(m) == "services" and i.startswith("aqdesk.ui"))


def test_ui_imports_no_models_and_no_exchange():
    assert not violations(lambda m, i: layer(m) == "ui" and (
        i.startswith("aqdesk.db.models") or i.startswith("aqdesk.exchange")))


def is_wing_package(module: str) -> bool:
    parts = module.split(".")
    return len(parts) == 3 and parts[1] == "services" and parts[2] in WINGS


def test_every_service_lives_in_a_wing():
    loose = [m for m in modules() if layer(m) == "services" and wing(m) is None and not is_wing_package(m)
             and m not in ("aqdesk.services", "aqdesk.services.demo")]
    assert not loose, f"services outside the wings {sorted(WINGS)}: {loose}"
    folders = {p.name for p in (PACKAGE / "services").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(WINGS)


def test_no_wing_imports_a_wing_above_or_beside_it():
    def upward(m: str, i: str) -> bool:
        own, other = wing(m), wing(i) or (i.split(".")[2] if is_wing_package(i) else None)
        return own is not None and other is not None and other != own and other not in WINGS[own]

    assert not violations(upward)


def test_no_import_circles():
    graph = {m: {i for i in imports(m) if i in modules() and i != m} for m in modules()}
    # a package importing its own modules (``__init__`` re-exports) is not a circle
    graph = {m: {i for i in deps if not i.startswith(m + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not circles, "\n".join(" → ".join(c) for c in circles)


def test_no_module_is_named_after_the_standard_library_or_a_builtin():
    import builtins
    import sys

    taken = set(sys.stdlib_module_names) | set(dir(builtins))
    clashes = [m for m in modules() if m.rsplit(".", 1)[-1] in taken]
    assert not clashes
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.col_offset == 0:
                assert node.name not in dir(builtins), f"{module}.{node.name} shadows a builtin"


def test_the_tests_mirror_the_package():
    tests = ROOT / "tests"
    folders = {p.name for p in tests.iterdir() if (p / "__init__.py").exists()}
    assert folders <= {p.name for p in PACKAGE.iterdir() if p.is_dir()}, folders
    misplaced = [p for p in (tests / "services").rglob("test_*.py") if p.parent.name not in WINGS]
    assert not misplaced, f"service tests belong in tests/services/<wing>/: {misplaced}"
