"""Nature Check API: farms, the consultant picker, and assigning, updating and closing Nature Check cases.

Messages follow the caller's language (`Accept-Language: da` gives the use cases' Danish wording).
"""

import re
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.params import HeaderEx, P

from casework.accounts.auth import current_user
from casework.accounts.models import User
from casework.audit.services import record_read
from casework.core.api import ErrorOut
from casework.core.errors import ConcurrentModification
from casework.core.pagination import paginate
from casework.core.permissions import require
from casework.naturecheck import errors, services
from casework.naturecheck.access import get_case_for_user, get_farm_for_user
from casework.naturecheck.history import case_history
from casework.naturecheck.models import Farm, NatureCheckCase
from casework.naturecheck.querysets import consultants
from casework.naturecheck.schemas import (
    CaseDetailOut,
    CaseFilters,
    CaseIn,
    CaseListOut,
    CaseOut,
    CaseUpdateIn,
    ConflictOut,
    ConsultantFilters,
    ConsultantListOut,
    FarmFilters,
    FarmIn,
    FarmListOut,
    FarmOut,
    FarmUpdateIn,
    StatusIn,
)

router = Router(tags=["naturecheck"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
CASE_ERRORS = {**ERRORS, 409: ConflictOut}
IF_MATCH = P(alias="If-Match", description='The case\'s ETag (e.g. "3"); an alternative to `row_version`')
_ETAG = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def _etag(case: NatureCheckCase) -> str:
    return f'"{case.row_version}"'


def _expected_version(row_version: int | None, if_match: str | None) -> int:
    """The version the client read, from the body or the If-Match header (they must agree)."""
    header_version = None
    if if_match is not None:
        match = _ETAG.match(if_match)
        if match is None:
            raise errors.INVALID_IF_MATCH()
        header_version = int(match.group(1))
    versions = {v for v in (row_version, header_version) if v is not None}
    if not versions:
        raise errors.ROW_VERSION_REQUIRED()
    if len(versions) > 1:
        raise errors.ROW_VERSION_MISMATCH()
    return versions.pop()


def _case_detail(case_id: UUID) -> NatureCheckCase:
    case = NatureCheckCase.objects.for_list().get(pk=case_id)
    case.history_entries = case_history(case)
    return case


def _with_current_case(exc: ConcurrentModification, case_id: UUID, user: Any) -> ConcurrentModification:
    """Attach the case as it is now, if `user` may still see it, so the client can show it and retry."""
    case = NatureCheckCase.objects.visible_to(user).for_list().filter(pk=case_id).first()
    if case is not None:
        exc.extra["current"] = CaseOut.from_orm(case).model_dump(mode="json")
    return exc


# --- farms -----------------------------------------------------------------------------------------------------


@router.get("/farms", response={200: FarmListOut, **ERRORS})
def list_farms(request: HttpRequest, filters: Query[FarmFilters]):
    """Farms sorted by name, each with owner, address and active case; search by name or CVR, filter
    all / assigned / unassigned (has an active case or not). Paginated (`limit` at most 100)."""
    user = current_user(request)
    require(user, "naturecheck.view")
    farms = (
        Farm.objects.search(filters.search)
        .with_assignment(filters.filter, viewer=user)
        .for_list(viewer=user)
        .order_by("name", "cvr")
    )
    page = paginate(farms, page=filters.page, limit=filters.limit)
    # Each farm's owner is a person (name, email): the page's read of them is recorded.
    owners = list(dict.fromkeys(f.owner_id for f in page.items))
    record_read(actor=user, kind="farmer", ids=owners, query=filters.dict(), path=request.path)
    return {"farms": page.items, "total": page.total, "pagination": page.pagination()}


@router.post("/farms", response={201: FarmOut, **ERRORS})
def create_farm(request: HttpRequest, payload: FarmIn):
    """Register a farm with its address (country defaults to Danmark) and owner. The owner is found by email:
    an existing farmer is reused; an email of a staff account is refused (409 email_belongs_to_other_role);
    a CVR number already registered gives 409 cvr_taken."""
    user = current_user(request)
    require(user, "naturecheck.manage_farms")
    farm = services.create_farm(
        actor=user,
        name=payload.name,
        cvr=payload.cvr,
        **payload.address.dict(),
        owner_first_name=payload.owner.first_name,
        owner_last_name=payload.owner.last_name,
        owner_email=payload.owner.email,
    )
    return Status(201, Farm.objects.for_detail(viewer=user).get(pk=farm.pk))


@router.get("/farms/{farm_id}", response={200: FarmOut, **ERRORS})
def get_farm(request: HttpRequest, farm_id: UUID):
    """A farm with owner, address, active case and every case it has had, newest first. The read of its
    owner (a person) is recorded."""
    user = current_user(request)
    farm = get_farm_for_user(user, farm_id, detail=True)
    record_read(actor=user, kind="farmer", ids=[farm.owner_id], path=request.path)
    return farm


@router.put("/farms/{farm_id}", response={200: FarmOut, **ERRORS})
def update_farm(request: HttpRequest, farm_id: UUID, payload: FarmUpdateIn):
    """Change the fields sent: name, CVR number, address, owner (found or registered by email)."""
    user = current_user(request)
    get_farm_for_user(user, farm_id, permission="naturecheck.manage_farms")
    changes: dict[str, Any] = payload.dict(exclude_unset=True, exclude={"row_version", "address", "owner"})
    if payload.address is not None:
        changes.update(payload.address.dict(exclude_unset=True))
    services.update_farm(
        farm_id,
        actor=user,
        changes=changes,
        owner=payload.owner.dict() if payload.owner is not None else None,
        expected_version=payload.row_version,
    )
    return Farm.objects.for_detail(viewer=user).get(pk=farm_id)


@router.delete("/farms/{farm_id}", response={204: None, **ERRORS})
def delete_farm(request: HttpRequest, farm_id: UUID):
    """Delete a farm and its finished cases; a farm with an active case cannot be deleted (409)."""
    user = current_user(request)
    get_farm_for_user(user, farm_id, permission="naturecheck.manage_farms")
    services.delete_farm(farm_id, actor=user)
    return Status(204, None)


# --- consultants -----------------------------------------------------------------------------------------------


@router.get("/consultants", response={200: ConsultantListOut, **ERRORS})
def list_consultants(request: HttpRequest, filters: Query[ConsultantFilters]):
    """Active people with the Consultant role, by first then last name, with their number of active cases:
    the assignment picker. Paginated (`limit` at most 100, the default)."""
    user = current_user(request)
    require(user, "naturecheck.view")
    people = consultants(User.objects.all(), viewer=user, search=filters.search)
    page = paginate(people, page=filters.page, limit=filters.limit)
    return {"consultants": page.items, "total": page.total, "pagination": page.pagination()}


# --- cases -----------------------------------------------------------------------------------------------------


@router.get("/cases", response={200: CaseListOut, **ERRORS})
def list_naturecheck_cases(request: HttpRequest, filters: Query[CaseFilters]):
    """Nature Check cases, most recently assigned first; filter by status, consultant, farm, priority
    (English value or Danish label) and active. Paginated (`limit` at most 100)."""
    user = current_user(request)
    require(user, "naturecheck.view")
    cases = (
        NatureCheckCase.objects.visible_to(user)
        .filtered(
            status=filters.status,
            consultant_id=filters.consultant_id,
            farm_id=filters.farm_id,
            priority=services.parse_priority(filters.priority),
            active=filters.active,
        )
        .for_list()
    )
    page = paginate(cases.order_by("-assigned_at", "-id"), page=filters.page, limit=filters.limit)
    return {"cases": page.items, "total": page.total, "pagination": page.pagination()}


@router.post("/cases", response={201: CaseOut, **ERRORS})
def assign_naturecheck_case(request: HttpRequest, payload: CaseIn, response: HttpResponse):
    """Assign a consultant to a farm (employees and admins): status Assigned, created and assigned now, and a
    notification for the consultant. 404 unknown farm; 422 not a consultant, inactive or unknown consultant,
    invalid priority; 409 farm_has_active_case when the farm already has an Assigned or InProgress case."""
    user = current_user(request)
    require(user, "naturecheck.assign")
    case = services.assign_case(actor=user, **payload.dict())
    response["ETag"] = _etag(case)
    return Status(201, NatureCheckCase.objects.for_list().get(pk=case.pk))


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS})
def get_naturecheck_case(request: HttpRequest, case_id: UUID, response: HttpResponse):
    """A case with its history (assignments, reassignments, updates, status changes). The `ETag` header
    carries `row_version`; send it back as `If-Match` (or `row_version`) when you update."""
    get_case_for_user(current_user(request), case_id)
    case = _case_detail(case_id)
    response["ETag"] = _etag(case)
    return case


@router.put("/cases/{case_id}", response={200: CaseDetailOut, **CASE_ERRORS})
def update_naturecheck_case(
    request: HttpRequest,
    case_id: UUID,
    payload: CaseUpdateIn,
    response: HttpResponse,
    if_match: HeaderEx[str | None, IF_MATCH] = None,
):
    """Change an active case's consultant, priority and/or notes (each optional); `assigned_at` becomes now.
    A new consultant is notified and the previous one's notification is marked read. 409 case_not_active for
    a Completed or Cancelled case; 409 concurrent_modification, with the case as it is now in `current`, when
    the version you send is stale."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission="naturecheck.assign")
    expected = _expected_version(payload.row_version, if_match)
    changes = payload.dict(exclude_unset=True, exclude={"row_version"})
    try:
        services.update_case(case_id, actor=user, expected_version=expected, changes=changes)
    except ConcurrentModification as exc:
        raise _with_current_case(exc, case_id, user) from None
    case = _case_detail(case_id)
    response["ETag"] = _etag(case)
    return case


@router.put("/cases/{case_id}/status", response={200: CaseDetailOut, **CASE_ERRORS})
def change_naturecheck_case_status(
    request: HttpRequest,
    case_id: UUID,
    payload: StatusIn,
    response: HttpResponse,
    if_match: HeaderEx[str | None, IF_MATCH] = None,
):
    """Assigned → InProgress → Completed, or → Cancelled from an active status. Employees and admins make any
    of these moves; the consultant on the case may start and complete it. 422 invalid_transition lists the
    allowed statuses."""
    user = current_user(request)
    get_case_for_user(user, case_id)
    expected = _expected_version(payload.row_version, if_match)
    try:
        services.change_case_status(case_id, actor=user, status=payload.status, expected_version=expected)
    except ConcurrentModification as exc:
        raise _with_current_case(exc, case_id, user) from None
    case = _case_detail(case_id)
    response["ETag"] = _etag(case)
    return case
