# Copies of what the outcomes report filters and groups on, onto the impact rows (issue #7), filled from the
# existing notes and cases, and the partial index the report reads.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# The same statement as services.rebuild_report_columns, frozen here. UPDATE ... FROM: PostgreSQL, SQLite 3.33+.
FILL = """
UPDATE outcomes_interactionoutcomeimpact
SET interaction_created_at = n.created_at,
    interaction_created_by_id = n.created_by_id,
    interaction_type = n.note_type,
    client_id = c.contact_id
FROM cases_casenote n JOIN cases_case c ON c.id = n.case_id
WHERE n.id = outcomes_interactionoutcomeimpact.interaction_id
"""


def fill_report_columns(apps, schema_editor):
    schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("outcomes", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="interactionoutcomeimpact",
            name="client",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="contacts.contact",
            ),
        ),
        migrations.AddField(
            model_name="interactionoutcomeimpact",
            name="interaction_created_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="interactionoutcomeimpact",
            name="interaction_created_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="interactionoutcomeimpact",
            name="interaction_type",
            field=models.CharField(blank=True, db_default="", default="", editable=False, max_length=20),
        ),
        migrations.RunPython(fill_report_columns, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="interactionoutcomeimpact",
            index=models.Index(
                condition=models.Q(("impact", True)),
                fields=["interaction_created_at", "outcome_definition", "client"],
                name="outcomeimpact_report_idx",
            ),
        ),
    ]
