import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field
from pydantic.json_schema import JsonDict

from casework.core.schemas import PaginationOut
from casework.naturecheck.models import DANISH_PRIORITY_LABELS, Priority, Status

StatusName = Literal["Assigned", "InProgress", "Completed", "Cancelled"]
AssignmentFilter = Literal["all", "assigned", "unassigned"]

PRIORITY_DOC = (
    "Low, Medium, High or Urgent, or the Danish label Lav, Normal, Høj or Haster; stored in English"
)
# What the schema offers for a priority: the English values, the Danish labels, blank or null for none (the
# handler also reads them in any case).
PRIORITY_VALUES: JsonDict = {"enum": [*(p.value for p in Priority), *DANISH_PRIORITY_LABELS, "", None]}
CVR_PATTERN: JsonDict = {"pattern": "^[0-9]{8}$"}


def _priority_label(value: str | None) -> str | None:
    return str(Priority(value).label) if value else None


class PersonRef(Schema):
    """A consultant or employee (a user account) as shown inside a case."""

    id: UUID
    first_name: str
    last_name: str
    email: str


class AddressIn(Schema):
    street: str = Field(..., min_length=1, max_length=200)
    postal_code: str = Field(..., min_length=1, max_length=20)
    city: str = Field(..., min_length=1, max_length=100)
    country: str | None = Field(None, max_length=100, description="Defaults to Danmark")


class AddressUpdateIn(Schema):
    street: str | None = Field(None, min_length=1, max_length=200)
    postal_code: str | None = Field(None, min_length=1, max_length=20)
    city: str | None = Field(None, min_length=1, max_length=100)
    country: str | None = Field(None, max_length=100, description="Blank or null: Danmark")


class AddressOut(Schema):
    street: str
    postal_code: str
    city: str
    country: str


class OwnerIn(Schema):
    """The farm's owner, found by email: an existing farmer is reused as is, a new email registers a farmer."""

    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: str = Field(..., min_length=3, max_length=254, json_schema_extra={"format": "email"})


class OwnerOut(Schema):
    id: UUID
    contact_id: UUID
    first_name: str = Field(..., validation_alias="contact.first_name")
    last_name: str = Field(..., validation_alias="contact.last_name")
    email: str
    is_active: bool


class FarmIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    cvr: str = Field(
        ..., max_length=20, description="CVR number: exactly 8 digits, unique", json_schema_extra=CVR_PATTERN
    )
    address: AddressIn
    owner: OwnerIn


class FarmUpdateIn(Schema):
    """Partial update: only the fields sent change. `row_version`, when sent, must be the version you read."""

    row_version: int | None = Field(None, ge=1)
    name: str | None = Field(None, min_length=1, max_length=200)
    cvr: str | None = Field(None, max_length=20, json_schema_extra=CVR_PATTERN)
    address: AddressUpdateIn | None = None
    owner: OwnerIn | None = None


class LabelledCase(Schema):
    """Shared by the case views: `status_label` and `priority_label` in the caller's language."""

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(Status(obj.status).label)

    @staticmethod
    def resolve_priority_label(obj: Any) -> str | None:
        return _priority_label(obj.priority)


class ActiveCaseOut(LabelledCase):
    """The farm's case in Assigned or InProgress: what the assignment form pre-fills."""

    id: UUID
    status: StatusName
    status_label: str
    consultant: PersonRef
    priority: str | None
    priority_label: str | None
    notes: str
    assigned_at: dt.datetime
    row_version: int


class FarmRowOut(Schema):
    id: UUID
    name: str
    cvr: str
    address: AddressOut
    owner: OwnerOut
    has_active_case: bool
    active_case: ActiveCaseOut | None
    row_version: int

    @staticmethod
    def resolve_address(obj: Any) -> dict[str, str]:
        return {
            "street": obj.street,
            "postal_code": obj.postal_code,
            "city": obj.city,
            "country": obj.country,
        }

    @staticmethod
    def resolve_active_case(obj: Any) -> Any:
        return obj.active_cases[0] if obj.active_cases else None

    @staticmethod
    def resolve_has_active_case(obj: Any) -> bool:
        return bool(obj.active_cases)


class FarmCaseOut(LabelledCase):
    """One of the farm's cases, past or present."""

    id: UUID
    status: StatusName
    status_label: str
    consultant: PersonRef
    assigned_by: PersonRef
    priority: str | None
    priority_label: str | None
    notes: str
    created_at: dt.datetime
    assigned_at: dt.datetime


class FarmOut(FarmRowOut):
    """A farm with its owner, address, active case and every case it has had (newest first)."""

    cases: list[FarmCaseOut] = Field(..., validation_alias="all_cases")
    created_at: dt.datetime
    updated_at: dt.datetime


class FarmListOut(Schema):
    farms: list[FarmRowOut]
    total: int
    pagination: PaginationOut


class FarmFilters(Schema):
    search: str | None = Field(None, max_length=200, description="Part of the farm's name or CVR number")
    filter: AssignmentFilter = Field(
        "all", description="assigned: farms with an active case; unassigned: farms without"
    )
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


class ConsultantOut(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str
    active_case_count: int


class ConsultantListOut(Schema):
    consultants: list[ConsultantOut]
    total: int
    pagination: PaginationOut


class ConsultantFilters(Schema):
    search: str | None = Field(None, max_length=200, description="Part of the first name, last name or email")
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(100, ge=1, le=100)


class FarmRef(Schema):
    id: UUID
    name: str
    cvr: str


class NatureCheckCaseIn(Schema):
    farm_id: UUID
    consultant_id: UUID
    priority: str | None = Field(
        None, max_length=20, description=PRIORITY_DOC, json_schema_extra=PRIORITY_VALUES
    )
    notes: str = Field("", max_length=5000)


class NatureCheckCaseUpdateIn(Schema):
    """Each field is optional and independent; a field not sent keeps its value. `priority: null` clears it.

    `row_version` is the version you read; it may come as an `If-Match` header instead.
    """

    row_version: int | None = Field(None, ge=1)
    consultant_id: UUID | None = None
    priority: str | None = Field(
        None, max_length=20, description=PRIORITY_DOC, json_schema_extra=PRIORITY_VALUES
    )
    notes: str | None = Field(None, max_length=5000)


class StatusIn(Schema):
    status: StatusName
    row_version: int | None = Field(None, ge=1, description="The version you read (or send If-Match)")


class NatureCheckCaseOut(LabelledCase):
    id: UUID
    farm: FarmRef
    consultant: PersonRef
    assigned_by: PersonRef
    status: StatusName
    status_label: str
    is_active: bool
    priority: str | None
    priority_label: str | None = Field(None, description="In the caller's language (Accept-Language)")
    notes: str
    created_at: dt.datetime
    assigned_at: dt.datetime
    updated_at: dt.datetime
    row_version: int


class NatureCheckFieldChangeOut(Schema):
    field: str
    old: Any
    new: Any


class NatureCheckHistoryEntryOut(Schema):
    change_type: Literal["created", "updated", "deleted"]
    changed_at: dt.datetime
    changed_by: PersonRef | None
    changes: list[NatureCheckFieldChangeOut]


class CaseDetailOut(NatureCheckCaseOut):
    """A case with its history: every assignment, reassignment, update and status change, newest first."""

    history: list[NatureCheckHistoryEntryOut] = Field(..., validation_alias="history_entries")


class NatureCheckCaseListOut(Schema):
    cases: list[NatureCheckCaseOut]
    total: int
    pagination: PaginationOut


class NatureCheckCaseFilters(Schema):
    status: StatusName | None = None
    consultant_id: UUID | None = None
    farm_id: UUID | None = None
    priority: str | None = Field(
        None, max_length=20, description=PRIORITY_DOC, json_schema_extra=PRIORITY_VALUES
    )
    active: bool | None = Field(
        None, description="true: Assigned or InProgress; false: Completed or Cancelled"
    )
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


class ConflictOut(Schema):
    """409: `concurrent_modification` carries the case as it is now (`current`), so the client can reload."""

    code: str
    message: str
    field: str | None = None
    current_row_version: int | None = None
    current: NatureCheckCaseOut | None = None


# OpenAPI names components by class name: the NatureCheck prefix keeps these apart from the cases app's
# CaseIn, CaseOut, ... (same-named schemas overwrote each other in /api/openapi.json). Short aliases for the API.
CaseIn = NatureCheckCaseIn
CaseUpdateIn = NatureCheckCaseUpdateIn
CaseListOut = NatureCheckCaseListOut
CaseOut = NatureCheckCaseOut
CaseFilters = NatureCheckCaseFilters
FieldChangeOut = NatureCheckFieldChangeOut
HistoryEntryOut = NatureCheckHistoryEntryOut
