"""The rows the data migrations seed (roles, case types, statuses and transitions), put back after a flush.

Transactional tests (races, live servers) end by flushing every table, which removes what the migrations seeded.
Django then sends `post_migrate`; `restore_seed_rows` is connected to it and runs the migrations' own seed
functions again when the tables are empty, so every later test starts from the migrated state.
"""

from importlib import import_module
from typing import Any

from django.apps import apps

SEED_MIGRATIONS = [
    "casework.accounts.migrations.0002_seed_roles",
    "casework.cases.migrations.0002_seed_types_and_statuses",
    "casework.naturecheck.migrations.0002_seed_roles",
    "casework.callcenter.migrations.0002_seed_operator_role",
]


def ensure_seed_rows(using: str = "default") -> None:
    from casework.accounts.models import Role
    from casework.cases.models import CaseStatus

    if Role.objects.using(using).filter(pk="admin").exists() and CaseStatus.objects.using(using).exists():
        return
    for path in SEED_MIGRATIONS:
        import_module(path).seed(apps, None)


def restore_seed_rows(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if sender.name == "casework.callcenter":  # the last seeding app: every table exists and is migrated
        ensure_seed_rows(using)
