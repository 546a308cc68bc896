"""The case search table on PostgreSQL (`cases_case_search`, migration 0005): one tsvector row per case.

Triggers keep it in step with every write: `cases_case_search_insert` adds a case's row as the case is inserted,
others follow updates, deletes and contact renames. A bulk load turns the insert trigger off for its COPY
(`suspend_search_sync`: one trigger call per row doubled the database's time for a million cases), then writes
the missing rows in one statement (`rebuild_search_rows`) and turns the trigger on again (`resume_search_sync`),
all in its own transaction, so a failure rolls the trigger back on with the rows. The rows are computed by the
function the trigger calls (`cases_case_search_document`), so they are the trigger's. PostgreSQL only: SQLite's
FTS5 triggers are cheap and stay on.
"""

from django.db import connection

INSERT_TRIGGER = "cases_case_search_insert"

# The trigger's row for every case, computed in one pass.
_ROWS_SQL = """
INSERT INTO cases_case_search (case_id, document)
SELECT c.id, cases_case_search_document(c.case_number, c.title, c.description, contact.first_name,
                                        contact.last_name)
  FROM cases_case AS c LEFT JOIN contacts_contact AS contact ON contact.id = c.contact_id"""
_MISSING = " WHERE NOT EXISTS (SELECT FROM cases_case_search AS search WHERE search.case_id = c.id)"


def suspend_search_sync() -> None:
    """Cases inserted from now on get no search row until `rebuild_search_rows` (call it in this transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE cases_case DISABLE TRIGGER {INSERT_TRIGGER}")


def resume_search_sync() -> None:
    """Inserted cases get their search row again (the trigger's state after migration 0005)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE cases_case ENABLE TRIGGER {INSERT_TRIGGER}")


def rebuild_search_rows(*, only_missing: bool = True) -> int:
    """Write the search row of every case without one; without `only_missing`, empty the table first and write
    every case's. For a bulk load holding the cases table's lock (no case is inserted meanwhile). Returns the
    number of rows written."""
    with connection.cursor() as cursor:
        if not only_missing:
            cursor.execute("TRUNCATE cases_case_search")
        cursor.execute(_ROWS_SQL + (_MISSING if only_missing else ""))
        return cursor.rowcount
