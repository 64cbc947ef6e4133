"""Helpers for migrations that depend on the database (the loader skips
modules named _*)."""


def on_postgresql(statements: list[str]):  # type: ignore[no-untyped-def]
    """A RunPython function that executes `statements` on PostgreSQL only
    (SQLite: nothing)."""

    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


def refresh_sqlite_statistics(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    """Gather SQLite's statistics again where ANALYZE has gathered them before.

    A database analysed before a migration added an index holds statistics for
    every index but the new one, and with that mix SQLite's planner misjudges
    the new index (it walked incident_status_date_idx to find fifty rows by
    id: 0.1 s at a million). A database never analysed is left so. PostgreSQL's
    autovacuum analyses by itself.
    """
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE")
