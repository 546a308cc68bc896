# Indexes for the case list's filters and search (issue #7). Kept as the fixed parent of 0006.
#
# Search (see CaseQuerySet.search) is index-backed on both databases:
# - PostgreSQL: a table of tsvectors with a GIN index (no extension needed),
# - SQLite: an FTS5 table,
# each with one row per case (case number, title, description, contact name), kept in sync by triggers on cases
# and contacts, filled from the existing cases here.
# The partial indexes serve the list's filtered pages in its default order (newest first). They are written
# as SQL rather than in Case.Meta because the search ones are vendor-specific and the set belongs together.

from django.db import migrations

# PostgreSQL: one narrow row per case in cases_case_search, the 'simple' tsvector (without positions) of the
# case number (hyphens as spaces), title, description and the contact's name, kept by triggers, with a GIN
# index. A table of its own rather than an index expression on cases_case: PostgreSQL rechecks every candidate
# row, and recomputing to_tsvector there (27 us a row) made counting 30,000 matches take 200-500 ms; and a
# narrow table is a quarter of the pages to visit when a common word matches 100,000 cases.
_DOCUMENT_FUNCTION = """
CREATE FUNCTION cases_case_search_document(case_number text, title text, description text, first_name text,
                                           last_name text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT strip(to_tsvector('simple'::regconfig, replace(case_number, '-', ' ') || ' ' || title || ' '
                           || description || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '')))
$$"""
_CASE_FUNCTION = """
CREATE FUNCTION cases_case_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM cases_case_search WHERE case_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO cases_case_search (case_id, document)
  SELECT NEW.id, cases_case_search_document(NEW.case_number, NEW.title, NEW.description, contact.first_name,
                                            contact.last_name)
  FROM (SELECT 1) AS one LEFT JOIN contacts_contact AS contact ON contact.id = NEW.contact_id
  ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
  RETURN NEW;
END
$$"""
_CONTACT_FUNCTION = """
CREATE FUNCTION cases_case_search_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases_case_search AS search
  SET document = cases_case_search_document(c.case_number, c.title, c.description, NEW.first_name,
                                            NEW.last_name)
  FROM cases_case AS c WHERE c.contact_id = NEW.id AND search.case_id = c.id;
  RETURN NULL;
END
$$"""
_TRUNCATE_FUNCTION = """
CREATE FUNCTION cases_case_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE cases_case_search;
  RETURN NULL;
END
$$"""
POSTGRES = [
    (
        "CREATE TABLE cases_case_search (case_id uuid PRIMARY KEY, document tsvector NOT NULL)",
        "DROP TABLE IF EXISTS cases_case_search",
    ),
    (_DOCUMENT_FUNCTION, "DROP FUNCTION IF EXISTS cases_case_search_document"),
    (_CASE_FUNCTION, "DROP FUNCTION IF EXISTS cases_case_search_sync"),
    (_CONTACT_FUNCTION, "DROP FUNCTION IF EXISTS cases_case_search_contact"),
    (_TRUNCATE_FUNCTION, "DROP FUNCTION IF EXISTS cases_case_search_truncate"),
    (
        "CREATE TRIGGER cases_case_search_insert AFTER INSERT ON cases_case "
        "FOR EACH ROW EXECUTE FUNCTION cases_case_search_sync()",
        "DROP TRIGGER IF EXISTS cases_case_search_insert ON cases_case",
    ),
    (
        "CREATE TRIGGER cases_case_search_update AFTER UPDATE OF case_number, title, description, contact_id "
        "ON cases_case FOR EACH ROW WHEN (OLD.case_number IS DISTINCT FROM NEW.case_number "
        "OR OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description "
        "OR OLD.contact_id IS DISTINCT FROM NEW.contact_id) EXECUTE FUNCTION cases_case_search_sync()",
        "DROP TRIGGER IF EXISTS cases_case_search_update ON cases_case",
    ),
    (
        "CREATE TRIGGER cases_case_search_delete AFTER DELETE ON cases_case "
        "FOR EACH ROW EXECUTE FUNCTION cases_case_search_sync()",
        "DROP TRIGGER IF EXISTS cases_case_search_delete ON cases_case",
    ),
    (
        "CREATE TRIGGER cases_case_search_truncate AFTER TRUNCATE ON cases_case "
        "FOR EACH STATEMENT EXECUTE FUNCTION cases_case_search_truncate()",
        "DROP TRIGGER IF EXISTS cases_case_search_truncate ON cases_case",
    ),
    (
        "CREATE TRIGGER cases_case_search_contact AFTER UPDATE OF first_name, last_name ON contacts_contact "
        "FOR EACH ROW WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name "
        "OR OLD.last_name IS DISTINCT FROM NEW.last_name) EXECUTE FUNCTION cases_case_search_contact()",
        "DROP TRIGGER IF EXISTS cases_case_search_contact ON contacts_contact",
    ),
    (
        "INSERT INTO cases_case_search (case_id, document) SELECT c.id, cases_case_search_document("
        "c.case_number, c.title, c.description, contact.first_name, contact.last_name) "
        "FROM cases_case AS c LEFT JOIN contacts_contact AS contact ON contact.id = c.contact_id",
        "",
    ),
    (
        "CREATE INDEX case_search_idx ON cases_case_search USING gin (document)",
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
