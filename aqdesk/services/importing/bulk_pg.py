"""PostgreSQL's own bulk paths for the big writes of an import and its undo: rows added
through COPY, rows changed by one ``UPDATE ... FROM unnest(arrays)``. Row by row, a
100,000-row 双替代 return took ten times as long on a server as on SQLite.

What remains is the server's own work, not Python's (about a sixth of the commit): chiefly
the two foreign-key checks PostgreSQL makes for every report row added (its target, its
batch), one lookup each, which are half the commit. They fire row by row however the rows
come (COPY or INSERT ... SELECT); a DEFERRABLE constraint only moves them to COMMIT; skipping
them takes a superuser or locks that other clerks would wait on."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from aqdesk.db.base import Base


def copy_rows(connection: Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def update_from_arrays(connection: Connection, table: str, fields: tuple[str, ...], rows: list[tuple],
                       bump_version: bool, check_version: bool) -> int:
    """``rows``: (new values of ``fields``..., id[, version the row must have]); returns
    the number of rows updated."""
    if not rows:
        return 0
    columns = Base.metadata.tables[table].c
    names = [*fields, "id", *(["version"] if check_version else [])]
    types = [columns[name].type.compile(dialect=connection.dialect) for name in names]
    sets = ", ".join(f"{f} = v.{f}" for f in fields) + (", version = t.version + 1" if bump_version else "")
    arrays = ", ".join(f"%s::{kind}[]" for kind in types)
    where = "t.id = v.id" + (" AND t.version = v.version" if check_version else "")
    sql = f"UPDATE {table} AS t SET {sets} FROM unnest({arrays}) AS v({', '.join(names)}) WHERE {where}"
    cursor = connection.connection.driver_connection.cursor()
    cursor.execute(sql, [_array(values) for values in zip(*rows, strict=True)])
    return cursor.rowcount


def _array(values: tuple) -> str | list:
    """Whole numbers as an array literal, written far faster than the driver adapts a list."""
    if all(v is None or type(v) is int for v in values):
        return "{" + ",".join("NULL" if v is None else str(v) for v in values) + "}"
    return list(values)


def compress_quickly(connection: Connection) -> None:
    """lz4 rather than pglz for the large texts this transaction stores: the record of a
    100,000-row return is two megabytes, which pglz took a tenth of a second to squeeze.
    A server built without lz4, or older than 14, keeps pglz."""
    connection.exec_driver_sql(
        "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
        "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")


def versions(connection: Connection, table: str, ids: list[int]) -> dict[int, int]:
    """The current version of each of the rows ``ids``, in one statement."""
    cursor = connection.connection.driver_connection.cursor()
    cursor.execute(f"SELECT id, version FROM {table} WHERE id = ANY(%s::integer[])", [ids])
    return dict(cursor.fetchall())
