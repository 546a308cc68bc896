"""The call center's API: the operator's queue and call results, the 106 case, and the admins' list tools.

Permissions: `callcenter.work` (operators: the queue, call results, 106 cases, reading a citizen) and
`callcenter.manage` (admins: searching the list, export, import, clear). An operator reads only the citizens
they hold, have handled or that wait for a 106 case; any other is 404 (`callcenter.view_all` reads every one).
"""

from typing import Literal

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import File, Path, Query, Router, Status
from ninja.files import UploadedFile
from pydantic.json_schema import SkipJsonSchema

from casework.accounts.auth import current_user
from casework.audit.services import record_read
from casework.callcenter import errors, services
from casework.callcenter.access import get_callcenter_case_for_user, get_citizen_for_user
from casework.callcenter.csvfiles import read_citizens
from casework.callcenter.models import CitizenRecord
from casework.callcenter.schemas import (
    MAX_ID,
    CallcenterCaseOut,
    CallResultIn,
    CitizenFilters,
    CitizenListOut,
    CitizenOut,
    ClearOut,
    CreateCallcenterCaseRequest,
    ImportOut,
)
from casework.core.api import ErrorOut
from casework.core.pagination import paginate
from casework.core.permissions import require

router = Router(tags=["callcenter"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
AUTH_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}

# Fixed paths (/citizens/next, /citizens/106-case) are declared before /citizens/{citizen_id}.


@router.get("/citizens/next", response={200: CitizenOut, 204: None, **AUTH_ERRORS})
def next_citizen(request: HttpRequest):
    """Take the next citizen to phone, locked to you for 30 minutes (configurable); 204 when the queue is empty.

    The queue holds records that are Pending, not answered, not dead, not moved away, without a 106 case and
    shown fewer times than the threshold (default 3), fewest appearances first. Each call counts an appearance
    and stamps its time. Two operators asking at once never get the same record.
    """
    user = current_user(request)
    require(user, "callcenter.work")
    citizen = services.take_next_citizen(operator=user)
    if citizen is None:
        return Status(204, None)
    record_read(actor=user, kind="citizen", ids=[citizen.pk], path=request.path)
    return citizen


@router.post(
    "/citizens/106-case",
    response={201: CallcenterCaseOut, **ERRORS},
    summary="Create a 106 (call-center) case",
)
def create_callcenter_case(
    request: HttpRequest, payload: CreateCallcenterCaseRequest, response: HttpResponse
):
    """Store the number of the ticket opened in the municipality's 106 hotline system for a citizen.

    Body `{"id": <citizen id>, "caseNumber": "123456"}` (`citizenRecordId` accepted in place of `id`).
    201 with the case and a `Location` header; 404 "Citizen not found." (also for a citizen you may not read);
    409 "A case already exists for this citizen.", or `locked_by_another_operator` with `locked_by` and
    `locked_until` while another operator holds the citizen; 422 when the case number is not six digits
    (configurable pattern). The citizen leaves the queue.
    """
    user = current_user(request)
    get_citizen_for_user(user, payload.citizen_id())
    case = services.open_callcenter_case(
        citizen_id=payload.citizen_id(), case_number=payload.caseNumber, actor=user
    )
    response.headers["Location"] = reverse("api:callcenter_case", kwargs={"case_id": case.pk})
    return Status(201, case)


@router.get(
    "/citizens/106-case/{case_id}",
    response={200: CallcenterCaseOut, **ERRORS},
    url_name="callcenter_case",
    summary="Read a 106 (call-center) case",
)
def get_callcenter_case(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)):
    """A 106 case by its id (the `Location` of its creation)."""
    return get_callcenter_case_for_user(current_user(request), case_id)


@router.get("/citizens", response={200: CitizenListOut, **AUTH_ERRORS})
def list_citizens(request: HttpRequest, filters: Query[CitizenFilters]):
    """Citizens, searched by name, phone or FID and filtered by status, 106 case and appearance count; paginated
    (`limit` at most 100). Admins only."""
    user = current_user(request)
    require(user, "callcenter.manage")
    params = filters.dict()
    page_number, limit, search = (params.pop(k) for k in ("page", "limit", "search"))
    citizens = CitizenRecord.objects.filtered(**params).search(search).for_list().order_by("id")
    page = paginate(citizens, page=page_number, limit=limit)
    record_read(
        actor=user, kind="citizen", ids=[c.pk for c in page.items], query=filters.dict(), path=request.path
    )
    return {"citizens": page.items, "total": page.total, "pagination": page.pagination()}


@router.get("/citizens/{citizen_id}", response={200: CitizenOut, **ERRORS})
def get_citizen(request: HttpRequest, citizen_id: int = Path(..., ge=1, le=MAX_ID)):
    """A citizen record with its 106 case, if any. Operators read the citizens they hold, have handled, or that
    wait for a 106 case; any other is 404. The read is recorded."""
    user = current_user(request)
    citizen = get_citizen_for_user(user, citizen_id)
    record_read(actor=user, kind="citizen", ids=[citizen.pk], path=request.path)
    return citizen


@router.put("/citizens/{citizen_id}", response={200: CitizenOut, **ERRORS})
def submit_call_result(
    request: HttpRequest, payload: CallResultIn, citizen_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Submit the result of the call on a record the queue handed you.

    409 `locked_by_another_operator` (with `locked_by` and `locked_until`) when the record is locked to another
    operator; 409 when your lock has expired or the record is no longer InProgress; 404 for a citizen you may
    not read; 422 naming the invalid field. An answered call (or one that learned the resident died or
    left the city) sets the status Updated; an unanswered call returns the record to Pending for another
    attempt. Either way the lock is released and last_updated_by/at are stamped.
    """
    user = current_user(request)
    get_citizen_for_user(user, citizen_id)
    services.submit_call_result(citizen_id, operator=user, result=payload.dict())
    return get_citizen_for_user(user, citizen_id)


CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "The citizen list as CSV (`text/csv; charset=utf-8`, an attachment named "
            "`citizens-export-YYYY-MM-DD-HH-MM-SS.csv`)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get("/admin/citizens", response={200: None, **AUTH_ERRORS}, openapi_extra=CSV_RESPONSE)
def export_citizens(request: HttpRequest, include: Literal["phones"] | None = None):
    """Export every citizen as CSV, streamed (constant memory for any size), one row per citizen. Admins only.

    The 36 columns, in order: Id, FID, StreetName, BuildingNumber, FlatNumber, FirstName, LastName,
    FamilyNumber, IsAnsweredTheCall, IsLonely, IsAddressWrong, NewStreetName, NewBuildingNumber, NewFlatNumber,
    HasMamad, HasMiklatPrati, HasMiklatZiburi, HasMobilityRestriction, IsDead, IsLeftTheCityPermanent,
    HasTemporaryAddress, IsTemporaryAbroad, TemporaryStreetName, TemporaryBuildingNumber, TemporaryFlat, Status,
    LockedByUserId, LockedUntil, LastUpdatedByUserId, LastUpdatedAt, CreatedAt, AppearanceCount,
    FirstTimeAppearance, SecondTimeAppearance, ThirdTimeAppearance, callcenter_case_number;
    `?include=phones` appends Phone1, Phone2, Phone3.

    Booleans are `True`/`False`, timestamps ISO 8601 in UTC (`2026-03-01T08:30:00Z`), empty cells for nulls
    (and for citizens without a 106 case). Quoting follows RFC 4180. **Formula injection:** a text cell that
    begins with `=`, `+`, `-`, `@`, tab or carriage return is written with a leading apostrophe (`'+972...`),
    so spreadsheets show it as text instead of evaluating it; the import strips that apostrophe.
    """
    user = current_user(request)
    require(user, "callcenter.manage")
    filename, lines = services.export_citizens(actor=user, include_phones=include == "phones")
    return StreamingHttpResponse(
        lines,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/admin/citizens", response={201: ImportOut, **ERRORS})
def import_citizens(request: HttpRequest, file: File[UploadedFile]):
    """Upload a new citizen list: multipart/form-data with the CSV in the field `file`. Admins only.

    UTF-8 (a BOM is allowed), comma-separated, RFC 4180 quoting, a header row naming the columns in any order.
    Required: FID, StreetName, BuildingNumber, FirstName, LastName, FamilyNumber. Optional: FlatNumber, Phone1,
    Phone2, Phone3, IsLonely (True/False). Other columns (such as the rest of an export) are ignored; every
    citizen starts Pending. All rows or none: a bad row rejects the file with 422 naming its line and column.
    409 when citizens already exist: export, clear (DELETE), then upload.
    """
    user = current_user(request)
    require(user, "callcenter.manage")
    count = services.import_citizens(rows=read_citizens(file), actor=user)
    return Status(201, {"imported": count})


@router.delete(
    "/admin/citizens",
    response={200: ClearOut, **AUTH_ERRORS},
    # Without confirm=true the answer is 422 confirmation_required: the schema (this parameter in place of the
    # plain boolean the signature would give) says it is required and must be true.
    openapi_extra={
        "parameters": [
            {
                "in": "query",
                "name": "confirm",
                "required": True,
                "schema": {"type": "boolean", "enum": [True]},
                "description": "Must be true: the deletion cannot be undone",
            }
        ]
    },
)
def clear_citizens(request: HttpRequest, confirm: SkipJsonSchema[bool] = False):
    """Delete every citizen and every 106 case; requires `?confirm=true` (422 otherwise). Admins only.

    Recorded in the audit log with the numbers deleted.
    """
    user = current_user(request)
    require(user, "callcenter.manage")
    if not confirm:
        raise errors.CONFIRMATION_REQUIRED()
    citizens, cases = services.clear_citizens(actor=user)
    return {"deleted_citizens": citizens, "deleted_cases": cases}
