from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from casework.accounts.auth import current_user
from casework.cases import services, tallies
from casework.cases.access import get_case_for_user, record_clients_read
from casework.cases.filters import CaseListFilters
from casework.cases.history import case_history
from casework.cases.models import Case, CaseAssignment, CaseNote, CaseStatus, CaseType
from casework.cases.querysets import after_move, as_opened, case_summary, workload
from casework.cases.schemas import (
    AssignmentIn,
    AssignmentOut,
    CaseIn,
    CaseListOut,
    CaseNoteIn,
    CaseOut,
    CaseStatusOut,
    CaseTypeOut,
    CaseUpdateIn,
    HistoryEntryOut,
    NoteIn,
    NoteOut,
    StatusChangeIn,
    SummaryFilters,
    SummaryOut,
    WorkloadOut,
)
from casework.core.api import ErrorOut
from casework.core.pagination import paginate_by_keys
from casework.core.permissions import require

router = Router(tags=["cases"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

# Static paths are declared before /{case_id} so that they win the URL match.


@router.get("/types", response={200: list[CaseTypeOut], **ERRORS}, tags=["metadata"])
def list_case_types(request: HttpRequest):
    """Active case types, for dropdowns and filters, with their intake field definitions."""
    require(current_user(request), "cases.view")
    return CaseType.objects.filter(is_active=True)


@router.get("/statuses", response={200: list[CaseStatusOut], **ERRORS}, tags=["metadata"])
def list_case_statuses(request: HttpRequest):
    """Active statuses in workflow order, each with the statuses it may move to."""
    require(current_user(request), "cases.view")
    return CaseStatus.objects.filter(is_active=True).prefetch_related("can_transition_to")


@router.get("/summary", response={200: SummaryOut, **ERRORS}, tags=["metadata"])
def summary(request: HttpRequest, filters: Query[SummaryFilters]):
    """Dashboard figures: counts by priority, status type, case type and assignee; due this week, overdue,
    unassigned, urgent, average duration of closed cases. `from`/`to` restrict it to cases taken in then."""
    require(current_user(request), "cases.view")
    cases = Case.objects.taken_in(filters.date_from, filters.date_to)
    # Over all cases the tally has the figures; over an intake date range the cases are counted.
    if filters.date_from or filters.date_to:
        return case_summary(cases, today=timezone.localdate())
    return tallies.summary(today=timezone.localdate())


@router.get("/workload", response={200: WorkloadOut, **ERRORS})
def workload_by_assignee(request: HttpRequest):
    """Open, overdue and urgent cases per staff member and per team, for balancing work."""
    require(current_user(request), "cases.view")
    return workload(today=timezone.localdate())


@router.post("/notes", response={201: NoteOut, **ERRORS}, tags=["notes"])
def add_note(request: HttpRequest, payload: NoteIn):
    """Add a note, or log a call, email or meeting, on a case's timeline."""
    user = current_user(request)
    require(user, "cases.add_note")
    note = services.add_note(actor=user, **payload.dict())
    return Status(201, note)


@router.get("", response={200: CaseListOut, **ERRORS})
def list_cases(request: HttpRequest, filters: Query[CaseListFilters]):
    """Cases, filtered, searched, sorted and paginated (`limit` at most 100). Page by `page`, or follow
    `next_cursor` with `cursor` (keyset: as fast on the thousandth page as on the first)."""
    user = current_user(request)
    require(user, "cases.view")
    page = paginate_by_keys(
        filters.cases().sorted_by(filters.sort),
        page=filters.page,
        limit=filters.limit,
        cursor=filters.cursor,
        total=filters.known_total(),
        rows=lambda ids: Case.objects.filter(pk__in=ids).for_rows(viewer=user).sorted_by(filters.sort),
    )
    # The page names its clients: one read record, the page's contacts and the query.
    record_clients_read(user, page.items, query=filters.dict(), path=request.path)
    return {
        "cases": page.items,
        "total": page.total,
        "pagination": page.pagination(),
        "next_cursor": page.next_cursor,
    }


@router.post("", response={201: CaseOut, **ERRORS})
def open_case(request: HttpRequest, payload: CaseIn):
    """Open a case in Intake with a new case number (CASE-YYMMDD-NNNNN) and an initial intake note."""
    user = current_user(request)
    require(user, "cases.create")
    case = services.open_case(actor=user, **payload.dict(exclude={"source"}), source=payload.source or "")
    return Status(201, as_opened(case))


@router.get("/{case_id}", response={200: CaseOut, **ERRORS})
def get_case(request: HttpRequest, case_id: UUID):
    """A case with its contact, type, status, assignee, allowed next statuses and counts."""
    user = current_user(request)
    case = get_case_for_user(user, case_id, detail=True)
    # The answer names the client with their email and phone: a read of their record.
    record_clients_read(user, [case], path=request.path)
    return case


@router.put("/{case_id}", response={200: CaseOut, **ERRORS})
def update_case(request: HttpRequest, case_id: UUID, payload: CaseUpdateIn):
    """Change the fields sent. A `row_version` other than the stored one gives 409 concurrent_modification."""
    user = current_user(request)
    require(user, "cases.change")  # the service answers 404 for a missing case
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("row_version")
    for text_field in (
        "description",
        "referral_source",
        "outcome",
        "outcome_notes",
        "closure_reason",
        "source",
    ):
        if text_field in changes and changes[text_field] is None:
            changes[text_field] = ""
    services.update_case(case_id, actor=user, changes=changes, expected_version=expected)
    return Case.objects.for_detail(viewer=user).get(pk=case_id)


@router.delete("/{case_id}", response={204: None, **ERRORS})
def delete_case(request: HttpRequest, case_id: UUID):
    """Delete a case and everything attached to it (notes, documents, history)."""
    user = current_user(request)
    get_case_for_user(user, case_id, permission="cases.delete")
    services.delete_case(case_id, actor=user)
    return Status(204, None)


@router.put("/{case_id}/status", response={200: CaseOut, **ERRORS})
def change_status(request: HttpRequest, case_id: UUID, payload: StatusChangeIn):
    """Move the case to another status. Only allowed transitions pass (422 invalid_transition lists them)."""
    user = current_user(request)
    require(user, "cases.change")  # the service answers 404 for a missing case
    case = services.change_case_status(
        case_id,
        actor=user,
        new_status_id=payload.new_status_id,
        reason=payload.reason,
        notes=payload.notes,
        expected_version=payload.row_version,
    )
    return after_move(case, viewer=user)


@router.put("/{case_id}/assignment", response={200: CaseOut, **ERRORS}, tags=["assignment"])
def assign_case(request: HttpRequest, case_id: UUID, payload: AssignmentIn):
    """Assign the case to a user, a team, or both (managers and admins). Both null unassigns it."""
    user = current_user(request)
    require(user, "cases.assign")  # the service answers 404 for a missing case
    services.assign_case(
        case_id,
        actor=user,
        assigned_to=payload.assigned_to,
        assigned_team_id=payload.assigned_team_id,
        reason=payload.reason,
        expected_version=payload.row_version,
    )
    return Case.objects.for_detail(viewer=user).get(pk=case_id)


@router.get("/{case_id}/assignments", response={200: list[AssignmentOut], **ERRORS}, tags=["assignment"])
def assignment_history(request: HttpRequest, case_id: UUID):
    """Every assignment period of the case, newest first (from, to, by, reason, assigned/unassigned at)."""
    case = get_case_for_user(current_user(request), case_id)
    return (
        CaseAssignment.objects.filter(case=case)
        .select_related(
            "assigned_from", "assigned_to", "assigned_team", "assigned_by", "unassigned_by", "rule"
        )
        .order_by("-assigned_at", "-id")
    )


@router.post("/{case_id}/notes", response={201: NoteOut, **ERRORS}, tags=["notes"])
def add_case_note(request: HttpRequest, case_id: UUID, payload: CaseNoteIn):
    """Add a note to the case in the path: the same as POST /api/cases/notes with `case_id` in the body."""
    user = current_user(request)
    require(user, "cases.add_note")
    note = services.add_note(actor=user, case_id=case_id, **payload.dict())
    return Status(201, note)


@router.get("/{case_id}/notes", response={200: list[NoteOut], **ERRORS}, tags=["notes"])
def list_notes(request: HttpRequest, case_id: UUID):
    """The case's timeline, newest first, with each note's author."""
    case = get_case_for_user(current_user(request), case_id)
    return CaseNote.objects.filter(case=case).select_related("created_by").order_by("-created_at", "-id")


@router.get("/{case_id}/history", response={200: list[HistoryEntryOut], **ERRORS})
def history(request: HttpRequest, case_id: UUID):
    """Every change to the case: who, when, which fields, old and new values."""
    case = get_case_for_user(current_user(request), case_id)
    return case_history(case)
