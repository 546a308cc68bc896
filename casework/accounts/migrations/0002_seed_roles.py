"""Seed the four staff roles. Permission codes are `<domain>.<action>`; `<domain>.*` grants a whole domain."""

from django.db import migrations

ROLES = [
    ("admin", "Administrator", "Everything, including configuration", ["*"]),
    (
        "manager",
        "Manager",
        "Works, assigns and deletes cases; manages contacts",
        ["cases.*", "contacts.*", "reports.view"],
    ),
    (
        "caseworker",
        "Caseworker",
        "Creates and works cases and notes",
        [
            "cases.view",
            "cases.create",
            "cases.change",
            "cases.add_note",
            "contacts.view",
            "contacts.create",
            "contacts.change",
            "reports.view",
        ],
    ),
    ("viewer", "Viewer", "Reads everything, changes nothing", ["cases.view", "contacts.view", "reports.view"]),
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
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
