"""Fetch-and-authorize helpers for cases: one call that either returns the case or raises 403/404."""

from typing import Any
from uuid import UUID

from casework.cases import errors
from casework.cases.models import Case
from casework.core.permissions import require


def get_case_for_user(
    user: Any, case_id: UUID, *, permission: str = "cases.view", detail: bool = False
) -> Case:
    require(user, permission)
    queryset = Case.objects.for_detail(viewer=user) if detail else Case.objects.all()
    case = queryset.filter(pk=case_id).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    return case
