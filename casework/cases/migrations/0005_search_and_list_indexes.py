# Indexes for the case list's filters and search (issue #7). Kept as the fixed parent of 0006.
#
# Search (see CaseQuerySet.search) is index-backed on both databases:
# - PostgreSQL: a GIN index over a stored 'simple' tsvector of case number (hyphens as spaces), title and
#   description; contact names have their own GIN index (contacts 0002). No extension is needed.
# - SQLite: an FTS5 table, one row per case (case number, title, description, contact name), kept in sync by
#   triggers on cases and contacts, filled from the existing cases here.
# The partial indexes serve the list's filtered pages in its default order (newest first). They are written
# as SQL rather than in Case.Meta because the search ones are vendor-specific and the set belongs together.

from django.db import migrations

# The search document is a stored generated column rather than an index expression: the index answers which
# rows may match, but PostgreSQL rechecks each candidate row, and recomputing to_tsvector there (27 us a row)
# made counting 30,000 matches take 200-500 ms. The column is not a model field (it exists on PostgreSQL only);
# CaseQuerySet.search reads it by name.
POSTGRES = [
    (
        "ALTER TABLE cases_case ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
        "to_tsvector('simple'::regconfig, replace(case_number, '-', ' ') || ' ' || title || ' ' || description)"
        ") STORED",
        "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_document",
    ),
    (
        "CREATE INDEX case_search_idx ON cases_case USING gin (search_document)",
        "DROP INDEX IF EXISTS case_search_idx",
    ),
]

# Both databases: unassigned cases are what an intake queue lists, newest first.
PORTABLE = [
    (
        "CREATE INDEX case_unassigned_created_idx ON cases_case (status_id, created_at DESC, id DESC) "
        "WHERE assigned_to_id IS NULL AND assigned_team_id IS NULL",
        "DROP INDEX IF EXISTS case_unassigned_created_idx",
    ),
    (
        "CREATE INDEX case_priority_created_idx ON cases_case (priority, created_at DESC, id DESC)",
        "DROP INDEX IF EXISTS case_priority_created_idx",
    ),
]

_SQLITE_CASE_ROW = (
    "SELECT {row}.id, {row}.case_number, {row}.title, {row}.description, "
    "(SELECT first_name || ' ' || last_name FROM contacts_contact WHERE id = {row}.contact_id)"
)
# The FTS5 row of a case is found through its case number (unique, and itself indexed by FTS5), so that
# keeping the index in sync never scans it.
_SQLITE_DELETE_ROW = (
    "DELETE FROM cases_case_fts WHERE cases_case_fts MATCH "
    "'case_number : \"' || replace(OLD.case_number, '\"', '\"\"') || '\"' AND case_id = OLD.id;"
)
SQLITE = [
    (
        "CREATE VIRTUAL TABLE cases_case_fts USING fts5("
        "case_id UNINDEXED, case_number, title, description, contact_name, "
        "tokenize = 'unicode61 remove_diacritics 2')",
        "DROP TABLE IF EXISTS cases_case_fts",
    ),
    (
        "CREATE TRIGGER cases_case_fts_insert AFTER INSERT ON cases_case BEGIN "
        "INSERT INTO cases_case_fts (case_id, case_number, title, description, contact_name) "
        + _SQLITE_CASE_ROW.format(row="NEW")
        + "; END",
        "DROP TRIGGER IF EXISTS cases_case_fts_insert",
    ),
    (
        "CREATE TRIGGER cases_case_fts_update AFTER UPDATE OF case_number, title, description, contact_id "
        "ON cases_case WHEN OLD.case_number IS NOT NEW.case_number OR OLD.title IS NOT NEW.title "
        "OR OLD.description IS NOT NEW.description OR OLD.contact_id IS NOT NEW.contact_id BEGIN "
        + _SQLITE_DELETE_ROW
        + " INSERT INTO cases_case_fts (case_id, case_number, title, description, contact_name) "
        + _SQLITE_CASE_ROW.format(row="NEW")
        + "; END",
        "DROP TRIGGER IF EXISTS cases_case_fts_update",
    ),
    (
        "CREATE TRIGGER cases_case_fts_delete AFTER DELETE ON cases_case BEGIN "
        + _SQLITE_DELETE_ROW
        + " END",
        "DROP TRIGGER IF EXISTS cases_case_fts_delete",
    ),
    (
        "CREATE TRIGGER cases_case_fts_contact AFTER UPDATE OF first_name, last_name ON contacts_contact "
        "WHEN OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name BEGIN "
        "UPDATE cases_case_fts SET contact_name = NEW.first_name || ' ' || NEW.last_name "
        "WHERE case_id IN (SELECT id FROM cases_case WHERE contact_id = NEW.id); END",
        "DROP TRIGGER IF EXISTS cases_case_fts_contact",
    ),
    (
        "INSERT INTO cases_case_fts (case_id, case_number, title, description, contact_name) "
        + _SQLITE_CASE_ROW.format(row="cases_case")
        + " FROM cases_case",
        "",
    ),
]


def _run(statements: list[tuple[str, str]], *, vendor: str | None, forwards: bool):
    def run(apps, schema_editor):
        if vendor is not None and schema_editor.connection.vendor != vendor:
            return
        chosen = [forward if forwards else backward for forward, backward in statements]
        for sql in chosen if forwards else reversed(chosen):
            if sql:
                schema_editor.execute(sql)

    return run


def _operation(statements: list[tuple[str, str]], vendor: str | None) -> migrations.RunPython:
    return migrations.RunPython(
        _run(statements, vendor=vendor, forwards=True),
        _run(statements, vendor=vendor, forwards=False),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_list_order_index"),
    ]

    operations: list = [
        _operation(POSTGRES, "postgresql"),
        _operation(SQLITE, "sqlite"),
        _operation(PORTABLE, None),
    ]
