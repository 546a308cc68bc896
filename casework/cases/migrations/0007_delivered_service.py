"""CaseService is renamed DeliveredService (casework.cases.plan.models) in the code only: the table keeps its
name (cases_caseservice) and its columns, so nothing changes in the database on SQLite or PostgreSQL. The
table name is pinned first, so the rename finds nothing to rename; the case's reverse accessor becomes
`delivered_services`, which is not a column either."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_case_tally"),
    ]

    operations = [
        migrations.AlterModelTable(name="caseservice", table="cases_caseservice"),
        migrations.RenameModel(old_name="CaseService", new_name="DeliveredService"),
        migrations.AlterModelOptions(
            name="deliveredservice",
            options={
                "ordering": [
                    models.OrderBy(models.F("service_date"), descending=True),
                    models.OrderBy(models.F("start_time"), descending=True, nulls_last=True),
                    models.OrderBy(models.F("created_at"), descending=True),
                    "id",
                ],
                "verbose_name": "case service",
            },
        ),
        migrations.AlterField(
            model_name="deliveredservice",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="delivered_services", to="cases.case"
            ),
        ),
    ]
