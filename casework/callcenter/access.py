"""Fetch-and-authorize helpers for the call center: return the object or raise 401/403/404.

A citizen the caller may not read (`CitizenRecordQuerySet.readable_by`) is a 404, as if it did not exist.
"""

from typing import Any

from casework.callcenter import conf, errors
from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.core.permissions import require


def readable_citizens(user: Any) -> Any:
    """The citizens `user` may read (the one rule every read of a citizen applies)."""
    return CitizenRecord.objects.readable_by(user, appearance_threshold=conf.appearance_threshold())


def get_citizen_for_user(user: Any, citizen_id: int, *, permission: str = "callcenter.work") -> CitizenRecord:
    require(user, permission)
    citizen = readable_citizens(user).for_list().filter(pk=citizen_id).first()
    if citizen is None:
        raise errors.CITIZEN_NOT_FOUND()
    return citizen


def get_callcenter_case_for_user(user: Any, case_id: int) -> CallcenterCase:
    require(user, "callcenter.work")
    case = CallcenterCase.objects.filter(pk=case_id, citizen__in=readable_citizens(user).values("pk")).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    return case
