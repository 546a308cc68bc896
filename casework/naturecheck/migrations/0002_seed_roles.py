"""Seed the Nature Check roles: consultants carry out checks, employees (Arla staff) manage farms and assign."""

from django.db import migrations

ROLES = [
    (
        "consultant",
        "Consultant",
        "Field consultant: sees Nature Check farms and cases, starts and completes the cases assigned to them",
        ["naturecheck.view", "naturecheck.work"],
    ),
    (
        "employee",
        "Employee",
        "Company staff: manages farms and assigns, updates and cancels Nature Check cases",
        ["naturecheck.view", "naturecheck.assign", "naturecheck.manage_farms"],
    ),
]


def seed(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, name, description, permissions in ROLES:
        Role.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "permissions": permissions}
        )


def unseed(apps, schema_editor):
    apps.get_model("accounts", "Role").objects.filter(code__in=[r[0] for r in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_seed_roles"), ("naturecheck", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
