"""Fetch-and-authorize helpers for the parts of a case's plan addressed by their own id (/services/{id},
/milestones/{id}): the caller needs the permission and must be allowed to see the case they belong to."""

from typing import Any
from uuid import UUID

from casework.cases.access import get_case_for_user
from casework.cases.plan import errors
from casework.cases.plan.models import CaseMilestone, DeliveredService
from casework.core.permissions import require


def get_delivered_service_for_user(
    user: Any, delivered_service_id: UUID, *, permission: str = "cases.view"
) -> DeliveredService:
    require(user, permission)
    delivered_service = DeliveredService.objects.filter(pk=delivered_service_id).first()
    if delivered_service is None:
        raise errors.DELIVERED_SERVICE_NOT_FOUND()
    get_case_for_user(user, delivered_service.case_id, permission=permission)
    return delivered_service


def get_milestone_for_user(user: Any, milestone_id: UUID, *, permission: str = "cases.view") -> CaseMilestone:
    require(user, permission)
    milestone = CaseMilestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise errors.MILESTONE_NOT_FOUND()
    get_case_for_user(user, milestone.case_id, permission=permission)
    return milestone
