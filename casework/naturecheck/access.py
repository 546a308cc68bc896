"""Fetch-and-authorize helpers for Nature Check: one call that returns the object or raises 401/403/404."""

from typing import Any
from uuid import UUID

from casework.core.permissions import require
from casework.naturecheck import errors
from casework.naturecheck.models import Farm, NatureCheckCase


def get_farm_for_user(
    user: Any, farm_id: UUID, *, permission: str = "naturecheck.view", detail: bool = False
) -> Farm:
    require(user, permission)
    # The farm itself is visible to every holder of the permission; its cases only as `visible_to` allows.
    farms = Farm.objects.for_detail(viewer=user) if detail else Farm.objects.all()
    farm = farms.filter(pk=farm_id).first()
    if farm is None:
        raise errors.FARM_NOT_FOUND()
    return farm


def get_case_for_user(
    user: Any, case_id: UUID, *, permission: str = "naturecheck.view", detail: bool = False
) -> NatureCheckCase:
    require(user, permission)
    cases = NatureCheckCase.objects.for_list() if detail else NatureCheckCase.objects.all()
    # Another consultant's case is 404, as if it did not exist.
    case = cases.visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    return case
