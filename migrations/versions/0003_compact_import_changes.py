"""compact import changes

An import's changed fields move from one audit entry each to one JSON text per batch
(import_changes); import_batch.audit_mark orders batches among audit entries; the
substitution_report indexes on target_id (the unique (target_id, period) covers it) and on
batch_id (only undo looks rows up by batch) go: each cost a 100,000-row return a fifth of its writes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:30:00
"""

from __future__ import annotations

import json
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MARKERS = ('*inserted*', '*deleted*')


def upgrade() -> None:
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audit_mark', sa.Integer(), server_default='0', nullable=False))
    op.create_table('import_changes',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_import_changes_batch_id_import_batch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_import_changes'))
    )
    with op.batch_alter_table('substitution_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitution_report_target_id'))
        batch_op.drop_index(batch_op.f('ix_substitution_report_batch_id'))
    _move_field_entries(op.get_bind())


def _move_field_entries(conn) -> None:
    """Each batch's field entries become its import_changes, in the format of
    aqdesk.services.common.import_record: groups of one table and field, rows [id, old, new]."""
    conn.execute(sa.text(
        "UPDATE import_batch SET audit_mark = COALESCE((SELECT max(a.id) FROM audit_log a "
        "WHERE a.changed_at <= import_batch.committed_at), 0)"))
    entries = conn.execute(sa.text(
        "SELECT batch_id, table_name, field, row_id, old_value, new_value FROM audit_log "
        "WHERE source = 'import' AND batch_id IS NOT NULL AND field NOT IN (:inserted, :deleted) ORDER BY id"),
        {"inserted": MARKERS[0], "deleted": MARKERS[1]})
    batches: dict[int, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
    for batch_id, table, field, row_id, old, new in entries:
        batches[batch_id][(table, field)].append([row_id, old, new])
    for batch_id, groups in batches.items():
        data = [{"table": table, "fields": [field], "rows": rows} for (table, field), rows in groups.items()]
        conn.execute(sa.text("INSERT INTO import_changes (batch_id, data) VALUES (:b, :d)"),
                     {"b": batch_id, "d": json.dumps(data, ensure_ascii=False)})
    conn.execute(sa.text(
        "DELETE FROM audit_log WHERE source = 'import' AND batch_id IS NOT NULL AND field NOT IN (:inserted, :deleted)"),
        {"inserted": MARKERS[0], "deleted": MARKERS[1]})


def downgrade() -> None:
    conn = op.get_bind()
    for batch_id, data, committed_at, who in conn.execute(sa.text(
            "SELECT c.batch_id, c.data, b.committed_at, b.committed_by FROM import_changes c "
            "JOIN import_batch b ON b.id = c.batch_id")):
        for group in json.loads(data):
            width = len(group["fields"])
            for row in group["rows"]:
                for i, field in enumerate(group["fields"]):
                    old, new = row[1 + i], row[1 + width + i]
                    if old != new:
                        conn.execute(sa.text(
                            "INSERT INTO audit_log (action_id, table_name, row_id, field, old_value, new_value, "
                            "changed_at, changed_by, source, batch_id) VALUES "
                            "(:a, :t, :r, :f, :o, :n, :at, :by, 'import', :b)"),
                            {"a": f"import-{batch_id}", "t": group["table"], "r": row[0], "f": field,
                             "o": None if old is None else str(old), "n": None if new is None else str(new),
                             "at": committed_at, "by": who, "b": batch_id})
    with op.batch_alter_table('substitution_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_substitution_report_target_id'), ['target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_substitution_report_batch_id'), ['batch_id'], unique=False)
    op.drop_table('import_changes')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_column('audit_mark')
