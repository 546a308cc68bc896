"""Fetch-and-authorize helpers for the call center: return the object or raise 401/403/404."""

from typing import Any

from casework.callcenter import errors
from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.core.permissions import require


def get_citizen_for_user(user: Any, citizen_id: int, *, permission: str = "callcenter.work") -> CitizenRecord:
    require(user, permission)
    citizen = CitizenRecord.objects.for_list().filter(pk=citizen_id).first()
    if citizen is None:
        raise errors.CITIZEN_NOT_FOUND()
    return citizen


def get_callcenter_case_for_user(user: Any, case_id: int) -> CallcenterCase:
    require(user, "callcenter.work")
    case = CallcenterCase.objects.filter(pk=case_id).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    return case
