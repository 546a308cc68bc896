# A full-text index over contact names for the case list's search on PostgreSQL (issue #7). On SQLite the
# names are part of the cases' FTS5 table (cases 0005), so there is nothing to do here.

from django.db import migrations

# The expression must stay identical to CONTACT_DOCUMENT in casework/cases/querysets.py.
CREATE = (
    "CREATE INDEX contact_search_idx ON contacts_contact USING gin ("
    "to_tsvector('simple'::regconfig, first_name || ' ' || last_name))"
)
DROP = "DROP INDEX IF EXISTS contact_search_idx"


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
