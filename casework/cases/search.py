"""The case search rows (migration 0005): on PostgreSQL `cases_case_search`, one tsvector row per case; on
SQLite the FTS5 table `cases_case_fts`. A derived store (`casework.core.derived`, registered by the cases app):
`rebuild_search_rows` makes it exact, `search_rows_match` checks it against a recount.

Triggers keep it in step with every write: `cases_case_search_insert` adds a case's row as the case is inserted,
others follow updates, deletes and contact renames. A bulk load turns the insert trigger off for its COPY
(`suspend_search_sync`: one trigger call per row doubled the database's time for a million cases), then writes
the missing rows in one statement (`rebuild_search_rows`) and turns the trigger on again (`resume_search_sync`),
all in its own transaction, so a failure rolls the trigger back on with the rows. The rows are computed by the
function the trigger calls (`cases_case_search_document`), so they are the trigger's. The bulk mode is
PostgreSQL's: SQLite's FTS5 triggers are cheap and stay on.
"""

from collections import Counter

from django.db import connection

INSERT_TRIGGER = "cases_case_search_insert"

# The trigger's row for every case, computed in one pass.
_ROWS_SQL = """
INSERT INTO cases_case_search (case_id, document)
SELECT c.id, cases_case_search_document(c.case_number, c.title, c.description, contact.first_name,
                                        contact.last_name)
  FROM cases_case AS c LEFT JOIN contacts_contact AS contact ON contact.id = c.contact_id"""
_MISSING = " WHERE NOT EXISTS (SELECT FROM cases_case_search AS search WHERE search.case_id = c.id)"
# The cases whose row is missing or not the trigger's.
_STALE_SQL = """
SELECT count(*) FROM cases_case AS c
  LEFT JOIN contacts_contact AS contact ON contact.id = c.contact_id
  LEFT JOIN cases_case_search AS search ON search.case_id = c.id
 WHERE search.document IS DISTINCT FROM cases_case_search_document(c.case_number, c.title, c.description,
                                                                   contact.first_name, contact.last_name)"""
# SQLite: the FTS5 row of every case, as its triggers write it.
_FTS_COLUMNS = "case_id, case_number, title, description, contact_name"
_FTS_ROWS_SQL = """
SELECT c.id, c.case_number, c.title, c.description,
       (SELECT first_name || ' ' || last_name FROM contacts_contact WHERE id = c.contact_id)
  FROM cases_case AS c"""


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
    number of rows written.

    Rows go missing only while the insert trigger is off (`suspend_search_sync`), so with `only_missing` and the
    trigger on (and always on SQLite, whose triggers never stop) there is nothing to write."""
    if connection.vendor != "postgresql":
        return 0 if only_missing else _rebuild_fts()
    with connection.cursor() as cursor:
        if only_missing and _insert_trigger_on(cursor):
            return 0
        if not only_missing:
            cursor.execute("TRUNCATE cases_case_search")
        cursor.execute(_ROWS_SQL + (_MISSING if only_missing else ""))
        return cursor.rowcount


def search_rows_match() -> bool:
    """Whether every case has exactly the search row its triggers would write, and no other row is there."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_STALE_SQL)
            stale = cursor.fetchone()[0]
            cursor.execute(
                "SELECT (SELECT count(*) FROM cases_case_search) - (SELECT count(*) FROM cases_case)"
            )
            return stale == 0 and cursor.fetchone()[0] == 0
        cursor.execute(_FTS_ROWS_SQL)
        expected = Counter(map(tuple, cursor.fetchall()))
        cursor.execute(f"SELECT {_FTS_COLUMNS} FROM cases_case_fts")  # noqa: S608 - constant names
        return Counter(map(tuple, cursor.fetchall())) == expected


def _rebuild_fts() -> int:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_case_fts")
        cursor.execute(f"INSERT INTO cases_case_fts ({_FTS_COLUMNS}) {_FTS_ROWS_SQL}")
        return cursor.rowcount


def _insert_trigger_on(cursor) -> bool:
    cursor.execute(
        "SELECT tgenabled <> 'D' FROM pg_trigger WHERE tgrelid = 'cases_case'::regclass AND tgname = %s",
        [INSERT_TRIGGER],
    )
    return bool(cursor.fetchone()[0])
