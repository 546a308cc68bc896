"""Reads of accounts by what a role allows: who may work cases, and so who a case may be given to."""

from typing import Any

from django.db.models import QuerySet

from casework.accounts.models import Role, User

# Working a case is changing it: a viewer, an operator or a consultant who is given a case could not open it
# for work (403), so the case would sit with nobody able to move it.
WORK_CASES = "cases.change"


def roles_allowing(permission: str) -> list[str]:
    """The codes of the roles that grant `permission` (a handful of rows, read once and decided by `Role.allows`,
    which knows the `*` and `<domain>.*` grants a JSON lookup would not)."""
    return [role.code for role in Role.objects.all() if role.allows(permission)]


def case_workers() -> QuerySet[User]:
    """Active users whose role may work cases, by name: the people a case may be assigned to."""
    return User.objects.filter(is_active=True, role_id__in=roles_allowing(WORK_CASES)).order_by(
        "first_name", "last_name", "email"
    )


def may_work_cases(user: Any) -> bool:
    return bool(user.is_active and user.has_role_permission(WORK_CASES))
