"""Fetch-and-authorize helpers for the call center: return the object or raise 401/403/404."""

from typing import Any

from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.callcenter.services import CITIZEN_NOT_FOUND
from casework.core.errors import NotFound
from casework.core.permissions import require


def get_citizen_for_user(user: Any, citizen_id: int, *, permission: str = "callcenter.work") -> CitizenRecord:
    require(user, permission)
    citizen = CitizenRecord.objects.for_list().filter(pk=citizen_id).first()
    if citizen is None:
        raise NotFound(CITIZEN_NOT_FOUND, code="citizen_not_found", field="id")
    return citizen


def get_callcenter_case_for_user(user: Any, case_id: int) -> CallcenterCase:
    require(user, "callcenter.work")
    case = CallcenterCase.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound("Case not found.", code="case_not_found", field="id")
    return case
