"""No message a clerk can read names a database column: every stored field has a Chinese
label, and the messages built from fields use it."""

import ast
import re
from pathlib import Path

import pytest

from aqdesk.db.base import Base
from aqdesk.domain import ledger_columns
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.ledgers import task_edit
from tests.services.ledgers.test_task_edit import dated_task

PACKAGE = Path(__file__).resolve().parent.parent / "aqdesk"
# The program's own bookkeeping: never edited by a clerk, so never named in a message.
INTERNAL = {"audit_log", "import_batch", "import_changes", "alembic_version"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def column_names() -> set[str]:
    return {c.name for t in Base.metadata.tables.values() for c in t.columns if "_" in c.name}


def test_every_stored_field_has_a_chinese_label():
    for name, table in Base.metadata.tables.items():
        if name in INTERNAL:
            continue
        assert CJK.search(ledger_columns.table_label(name)), name
        for column in table.columns:
            label = ledger_columns.field_label(name, column.name)
            assert label != "某项内容" and CJK.search(label), f"{name}.{column.name}"


def _messages(path: Path):
    """Chinese string literals, and the expressions an f-string with Chinese text formats."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            yield node.lineno, node.value, []
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if CJK.search(text):
                yield node.lineno, text, [ast.unparse(v.value) for v in node.values
                                          if isinstance(v, ast.FormattedValue)]


def test_no_user_visible_message_names_a_column():
    names = column_names()
    word = re.compile(r"[A-Za-z_]+")
    raw = re.compile(r"(^|\.)(field|table|table_name|name_of_field)$")
    for path in [*PACKAGE.rglob("*.py")]:
        if "db" in path.relative_to(PACKAGE).parts:
            continue
        for line, text, formatted in _messages(path):
            leaked = names & set(word.findall(text))
            assert not leaked, f"{path}:{line} shows {leaked}"
            assert not [f for f in formatted if raw.search(f)], f"{path}:{line} formats a raw name: {formatted}"


def test_undo_refusal_names_the_field_as_the_clerk_knows_it(demo_db):
    task = dated_task(demo_db)
    first = task_edit.update_task(demo_db, task.id, task.version, progress_pct=(task.progress_pct + 1) % 100)
    task_edit.update_task(demo_db, task.id, task_edit.task_detail(demo_db, task.id).version,
                          progress_pct=(task.progress_pct + 2) % 100)
    with pytest.raises(UserError) as refused:
        editing.undo_action(demo_db, first)
    assert "「完成进度」" in str(refused.value) and "重点任务" in str(refused.value)
    assert "progress_pct" not in str(refused.value) and "task " not in str(refused.value)
    assert "manual" not in str(refused.value)
