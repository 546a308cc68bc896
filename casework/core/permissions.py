"""The one permission check every handler and service uses.

Roles are rows (accounts.Role) holding a list of permission codes; code asks `require(user, "cases.change")`
and never compares role names.
"""

from typing import Protocol

from casework.core.errors import AUTHENTICATION_REQUIRED, ROLE_DOES_NOT_ALLOW


class Actor(Protocol):
    @property
    def is_authenticated(self) -> bool: ...

    def has_role_permission(self, permission: str) -> bool: ...


def can(user: Actor | None, permission: str) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_role_permission(permission))


def require(user: Actor | None, permission: str) -> None:
    if user is None or not user.is_authenticated:
        raise AUTHENTICATION_REQUIRED()
    if not user.has_role_permission(permission):
        raise ROLE_DOES_NOT_ALLOW(permission=permission)
