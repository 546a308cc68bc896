"""Relationships, services and milestones of a case.

`router` is mounted at /cases (/cases/{case_id}/relationships|services|milestones); `services_router` and
`milestones_router` at the API root (/services/{service_id}, /milestones/{milestone_id}). The routers and the
handlers speak the API's words ("service" for a service delivered); the handlers' names are the operation ids.
Reading needs cases.view, every write cases.change.
"""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from casework.accounts.auth import current_user
from casework.cases.access import get_case_for_user
from casework.cases.plan.access import get_delivered_service_for_user, get_milestone_for_user
from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService
from casework.cases.plan.querysets import MilestoneProgress
from casework.cases.plan.schemas import (
    MilestoneIn,
    MilestoneListOut,
    MilestoneOut,
    MilestoneReorderIn,
    MilestoneUpdateIn,
    RelationshipIn,
    RelationshipOut,
    ServiceIn,
    ServiceOut,
    ServiceUpdateIn,
)
from casework.cases.plan.services import delivered, milestones, relationships
from casework.core.api import ErrorOut

router = Router(tags=["case plan"])
services_router = Router(tags=["services"])
milestones_router = Router(tags=["milestones"])

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
WRITE = "cases.change"


def _milestone_list(case_id: UUID) -> dict:
    in_order = list(CaseMilestone.objects.of_case(case_id).for_list())
    return {"milestones": in_order, "progress": MilestoneProgress.of(in_order)}


# --- relationships -------------------------------------------------------------------------------------------


@router.get(
    "/{case_id}/relationships", response={200: list[RelationshipOut], **ERRORS}, tags=["relationships"]
)
def list_relationships(request: HttpRequest, case_id: UUID):
    """The case's links to other cases, oldest first, each with the other case's number, title and status."""
    case = get_case_for_user(current_user(request), case_id)
    return CaseRelationship.objects.of_case(case.pk).for_list()


@router.post("/{case_id}/relationships", response={201: RelationshipOut, **ERRORS}, tags=["relationships"])
def add_relationship(request: HttpRequest, case_id: UUID, payload: RelationshipIn):
    """Link the case to another one. The other case shows the inverse link (parent here, child there; blocks
    here, blocked_by there; related and duplicate both ways). 422 self_link or unknown_case; 409
    relationship_exists (also when the other case already holds this link) or relationship_contradicts."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission=WRITE)
    link = relationships.add_relationship(actor=user, case_id=case_id, **payload.dict())
    return Status(201, CaseRelationship.objects.for_list().get(pk=link.pk))


@router.delete(
    "/{case_id}/relationships/{relationship_id}", response={204: None, **ERRORS}, tags=["relationships"]
)
def remove_relationship(request: HttpRequest, case_id: UUID, relationship_id: UUID):
    """Remove the link, and its inverse on the other case."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission=WRITE)
    relationships.remove_relationship(actor=user, case_id=case_id, relationship_id=relationship_id)
    return Status(204, None)


# --- services ------------------------------------------------------------------------------------------------


@router.get("/{case_id}/services", response={200: list[ServiceOut], **ERRORS}, tags=["services"])
def list_services(request: HttpRequest, case_id: UUID):
    """The services of the case, newest service date first. `cost` is a decimal string ("125.50")."""
    case = get_case_for_user(current_user(request), case_id)
    return DeliveredService.objects.of_case(case.pk).for_list()


@router.post("/{case_id}/services", response={201: ServiceOut, **ERRORS}, tags=["services"])
def add_service(request: HttpRequest, case_id: UUID, payload: ServiceIn):
    """Record a service. `end_time` must be after `start_time` (422 end_before_start); without
    `duration_minutes` the minutes from start to end are taken, and a given duration may not exceed them
    (422 duration_exceeds_span). `cost` is a string or number, zero or more, two decimals at most."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission=WRITE)
    return Status(201, delivered.add_delivered_service(actor=user, case_id=case_id, **payload.dict()))


@services_router.put("/services/{service_id}", response={200: ServiceOut, **ERRORS})
def update_service(request: HttpRequest, service_id: UUID, payload: ServiceUpdateIn):
    """Change the fields sent (null clears an optional one). When a time changes without a duration, the
    duration is derived again. With `row_version`, a service changed since gives 409 concurrent_modification."""
    user = current_user(request)
    get_delivered_service_for_user(user, service_id, permission=WRITE)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("row_version", None)
    delivered.update_delivered_service(service_id, actor=user, changes=changes, expected_version=expected)
    return DeliveredService.objects.for_list().get(pk=service_id)


@services_router.delete("/services/{service_id}", response={204: None, **ERRORS})
def remove_service(request: HttpRequest, service_id: UUID):
    """Delete the service record."""
    user = current_user(request)
    get_delivered_service_for_user(user, service_id, permission=WRITE)
    delivered.remove_delivered_service(service_id, actor=user)
    return Status(204, None)


# --- milestones ----------------------------------------------------------------------------------------------


@router.get("/{case_id}/milestones", response={200: MilestoneListOut, **ERRORS}, tags=["milestones"])
def list_milestones(request: HttpRequest, case_id: UUID):
    """The case's milestones in plan order, and its progress: completed of total, and the percent."""
    case = get_case_for_user(current_user(request), case_id)
    return _milestone_list(case.pk)


@router.post("/{case_id}/milestones", response={201: MilestoneOut, **ERRORS}, tags=["milestones"])
def add_milestone(request: HttpRequest, case_id: UUID, payload: MilestoneIn):
    """Add a milestone, after the last one unless `sort_order` is given. A completed one gets today as its
    completion date unless `completed_date` is given (422 date_in_future; 422 not_completed without
    `is_completed`)."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission=WRITE)
    return Status(201, milestones.add_milestone(actor=user, case_id=case_id, **payload.dict()))


@router.post("/{case_id}/milestones/reorder", response={200: MilestoneListOut, **ERRORS}, tags=["milestones"])
def reorder_milestones(request: HttpRequest, case_id: UUID, payload: MilestoneReorderIn):
    """Put the milestones in the order of `orderedIds`, which names every milestone of the case exactly once
    (else 422 duplicate_id, unknown_id or incomplete_order, with the `ids` at fault); all or nothing."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission=WRITE)
    milestones.reorder_milestones(actor=user, case_id=case_id, ordered_ids=payload.ordered_ids)
    return _milestone_list(case_id)


@milestones_router.put("/milestones/{milestone_id}", response={200: MilestoneOut, **ERRORS})
def update_milestone(request: HttpRequest, milestone_id: UUID, payload: MilestoneUpdateIn):
    """Change the fields sent. `is_completed: true` sets `completed_date` (today unless given, never in the
    future), `false` clears it. With `row_version`, a milestone changed since gives 409."""
    user = current_user(request)
    get_milestone_for_user(user, milestone_id, permission=WRITE)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("row_version", None)
    milestones.update_milestone(milestone_id, actor=user, changes=changes, expected_version=expected)
    return CaseMilestone.objects.for_list().get(pk=milestone_id)


@milestones_router.delete("/milestones/{milestone_id}", response={204: None, **ERRORS})
def remove_milestone(request: HttpRequest, milestone_id: UUID):
    """Delete the milestone; the others keep their order."""
    user = current_user(request)
    get_milestone_for_user(user, milestone_id, permission=WRITE)
    milestones.remove_milestone(milestone_id, actor=user)
    return Status(204, None)
