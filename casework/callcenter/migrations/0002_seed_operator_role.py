"""Seed the `operator` role: works the call center's queue. Admins already hold `*`."""

from django.db import migrations

OPERATOR = {
    "name": "Operator",
    "description": "Phones citizens from the call center's queue, records call results and 106 cases",
    "permissions": ["callcenter.work"],
}


def seed(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Role.objects.update_or_create(code="operator", defaults=OPERATOR)


def unseed(apps, schema_editor):
    apps.get_model("accounts", "Role").objects.filter(code="operator").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_seed_roles"), ("callcenter", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
