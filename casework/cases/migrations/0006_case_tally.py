# The case tally the dashboard reads (issue #7), counted from the existing cases, and the index behind the
# dashboard's overdue / due-this-week counts.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def count_existing_cases(apps, schema_editor):
    from casework.cases.tallies import rebuild_from

    rebuild_from(apps.get_model("cases", "Case"), apps.get_model("cases", "CaseTally"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_seed_roles"),
        ("cases", "0005_search_and_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseTally",
            fields=[
                ("key", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("priority", models.CharField(max_length=20)),
                ("is_urgent", models.BooleanField()),
                ("cases", models.BigIntegerField(default=0)),
                ("closed_cases", models.BigIntegerField(default=0)),
                ("closed_seconds", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "case tallies",
            },
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status", "due_date"], name="case_status_due_idx"),
        ),
        migrations.AddField(
            model_name="casetally",
            name="assigned_team",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.AddField(
            model_name="casetally",
            name="assigned_to",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="casetally",
            name="case_type",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.casetype",
            ),
        ),
        migrations.AddField(
            model_name="casetally",
            name="status",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.casestatus",
            ),
        ),
        migrations.RunPython(count_existing_cases, migrations.RunPython.noop),
    ]
