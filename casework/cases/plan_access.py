"""Fetch-and-authorize helpers for the parts of a case's plan addressed by their own id (/services/{id},
/milestones/{id}): the caller needs the permission and must be allowed to see the case they belong to."""

from typing import Any
from uuid import UUID

from casework.cases.access import get_case_for_user
from casework.cases.models import CaseMilestone, CaseService
from casework.core.errors import NotFound
from casework.core.permissions import require


def get_service_for_user(user: Any, service_id: UUID, *, permission: str = "cases.view") -> CaseService:
    require(user, permission)
    service = CaseService.objects.filter(pk=service_id).first()
    if service is None:
        raise NotFound("Service not found")
    get_case_for_user(user, service.case_id, permission=permission)
    return service


def get_milestone_for_user(user: Any, milestone_id: UUID, *, permission: str = "cases.view") -> CaseMilestone:
    require(user, permission)
    milestone = CaseMilestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound("Milestone not found")
    get_case_for_user(user, milestone.case_id, permission=permission)
    return milestone
