import datetime as dt
from operator import attrgetter
from typing import Any, Literal
from uuid import UUID

from django.db.models import Count, Manager, Model, Q
from ninja import Schema
from pydantic import Field, ModelWrapValidatorHandler, ValidationInfo, field_validator, model_validator

from casework.accounts.schemas import UserRef
from casework.core.schemas import IsoDate, PaginationOut

PriorityName = Literal["low", "medium", "high", "urgent"]
SourceName = Literal["phone", "email", "walk-in", "referral", "web", "other"]
StatusTypeName = Literal["intake", "active", "review", "closed", "cancelled"]
NoteTypeName = Literal["note", "email", "call", "meeting", "update", "status_change"]
# status_change notes are written by the status change itself, never sent: the input type does not offer it.
WrittenNoteTypeName = Literal["note", "email", "call", "meeting", "update"]
NoteKindName = Literal[
    "written",
    "status_changed",
    "assigned",
    "intake",
    "document_uploaded",
    "document_version",
    "document_downloaded",
    "document_deleted",
]
SortName = Literal[
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "due_date",
    "-due_date",
    "case_number",
    "-case_number",
    "title",
    "-title",
    "priority",
    "-priority",
    "status",
    "-status",
]

Tag = Field(..., min_length=1, max_length=50)


class CustomFieldOut(Schema):
    """One custom field a case type asks for (casework.core.custom_fields); `custom_data` holds its value."""

    key: str
    label: str | None = None
    type: Literal["text", "textarea", "integer", "number", "boolean", "date", "select", "multiselect"]
    required: bool = False
    help_text: str | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    options: list[str] | None = None


class CaseTypeOut(Schema):
    id: UUID
    name: str
    description: str
    color: str
    icon: str
    is_active: bool
    requires_intake: bool
    average_duration_days: int | None
    custom_fields: list[CustomFieldOut]


class StatusRef(Schema):
    id: UUID
    name: str


class TeamRef(Schema):
    id: UUID
    name: str


class CaseStatusOut(Schema):
    id: UUID
    name: str
    status_type: StatusTypeName
    description: str
    color: str
    sort_order: int
    is_active: bool
    requires_reason: bool
    can_transition_to: list[UUID]

    @staticmethod
    def resolve_can_transition_to(obj: Any) -> list[UUID]:
        return [s.pk for s in obj.can_transition_to.all()]


class CaseIn(Schema):
    contact_id: UUID
    case_type_id: UUID
    title: str = Field(..., min_length=1, max_length=255)
    description: str = Field("", max_length=20000)
    priority: PriorityName = "medium"
    source: SourceName | None = None
    referral_source: str = Field("", max_length=255)
    assigned_to: UUID | None = None
    assigned_team_id: UUID | None = None
    due_date: IsoDate | None = None
    tags: list[str] = Field(default_factory=list, max_length=50)
    intake_data: dict[str, Any] = Field(default_factory=dict)
    custom_data: dict[str, Any] = Field(default_factory=dict)
    is_urgent: bool = False
    requires_followup: bool = False
    followup_date: IsoDate | None = None

    @field_validator("title")
    @classmethod
    def title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("tags")
    @classmethod
    def tags_short(cls, value: list[str]) -> list[str]:
        if any(len(tag) > 50 for tag in value):
            raise ValueError("each tag is at most 50 characters")
        return value


def _omitted_not_null(schema: dict[str, Any]) -> None:
    """A field that may be left out but not sent as null: no `default: null` in the schema either."""
    schema.pop("default", None)


# The case's columns that cannot be empty: leaving one out keeps it, sending null is 422 naming it.
def _keep_when_omitted() -> Any:
    return Field(None, json_schema_extra=_omitted_not_null)


class CaseUpdateIn(Schema):
    """Partial update: only the fields sent change. `row_version` is the version you read (required).
    `priority`, `is_urgent` and `requires_followup` may be left out but not sent as null."""

    row_version: int = Field(..., ge=1)
    title: str | None = Field(None, min_length=1, max_length=255)
    description: str | None = Field(None, max_length=20000)
    priority: PriorityName = _keep_when_omitted()
    source: SourceName | None = None
    referral_source: str | None = Field(None, max_length=255)
    case_type_id: UUID | None = None
    due_date: IsoDate | None = None
    tags: list[str] | None = Field(None, max_length=50)
    intake_data: dict[str, Any] | None = None
    custom_data: dict[str, Any] | None = None
    outcome: str | None = Field(None, max_length=50)
    outcome_notes: str | None = Field(None, max_length=20000)
    closure_reason: str | None = Field(None, max_length=255)
    is_urgent: bool = _keep_when_omitted()
    requires_followup: bool = _keep_when_omitted()
    followup_date: IsoDate | None = None


class StatusChangeIn(Schema):
    new_status_id: UUID
    reason: str = Field("", max_length=255)
    notes: str = Field("", max_length=20000)
    row_version: int | None = Field(
        None, ge=1, description="Optional: refuse the change if the case moved on"
    )


class MilestoneProgressOut(Schema):
    completed: int
    total: int
    percent: int = Field(
        ..., description="completed / total as a whole percent, rounded down; 0 without milestones"
    )


class ContactBrief(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str
    phone: str


_MISSING = object()


def _related(path: str) -> Any:
    """A ninja resolver reading `path` ("status.name") from the object."""
    read = attrgetter(path)

    def resolve(obj: Any) -> Any:
        return read(obj)

    return staticmethod(resolve)


class CaseRowOut(Schema):
    """A case as listed: the seed's row fields plus what a list screen needs.

    Read from a case in one pass into a dict that pydantic validates (`_run_root_validator`), rather than through
    ninja's `DjangoGetter`, which wraps the case and converts every field it reads with several type checks: for
    the 25 rows of a list page, most of the rendering's time (issue #16)."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        if not isinstance(values, Model):
            return super()._run_root_validator(values, handler, info)  # type: ignore[operator]
        resolvers = cls._ninja_resolvers
        data: dict[str, Any] = {}
        for name, field in cls.model_fields.items():
            key = field.validation_alias if isinstance(field.validation_alias, str) else name
            resolver = resolvers.get(name)
            if resolver is not None:
                data[key] = resolver._func(values)
                continue
            value = getattr(values, key, _MISSING)
            if value is _MISSING:
                continue
            data[key] = list(value.all()) if isinstance(value, Manager) else value
        return handler(data)

    id: UUID
    case_number: str
    title: str
    status_id: UUID
    status_name: str
    status_color: str
    status_type: StatusTypeName
    case_type_id: UUID
    case_type_name: str
    case_type_color: str
    priority: PriorityName
    is_urgent: bool
    contact_id: UUID
    contact_first_name: str
    contact_last_name: str
    assigned_to: UUID | None = Field(None, validation_alias="assigned_to_id")
    assigned_first_name: str | None = None
    assigned_last_name: str | None = None
    assigned_team_id: UUID | None
    assigned_team_name: str | None = None
    due_date: dt.date | None
    intake_date: dt.datetime
    notes_count: int
    documents_count: int
    created_at: dt.datetime
    updated_at: dt.datetime

    # Resolvers rather than dotted aliases: ninja resolves a dotted alias with Django's template Variable, several
    # times the cost of an attribute read, for each of these seven fields of every listed row.
    resolve_status_name = _related("status.name")
    resolve_status_color = _related("status.color")
    resolve_status_type = _related("status.status_type")
    resolve_case_type_name = _related("case_type.name")
    resolve_case_type_color = _related("case_type.color")
    resolve_contact_first_name = _related("contact.first_name")
    resolve_contact_last_name = _related("contact.last_name")

    @staticmethod
    def resolve_assigned_first_name(obj: Any) -> str | None:
        return obj.assigned_to.first_name if obj.assigned_to_id else None

    @staticmethod
    def resolve_assigned_last_name(obj: Any) -> str | None:
        return obj.assigned_to.last_name if obj.assigned_to_id else None

    @staticmethod
    def resolve_assigned_team_name(obj: Any) -> str | None:
        return obj.assigned_team.name if obj.assigned_team_id else None


class CaseListOut(Schema):
    cases: list[CaseRowOut]
    total: int
    pagination: PaginationOut
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the rows after this page; null on the last page"
    )


class CaseOut(CaseRowOut):
    """A case with its related data: contact, type, status (and where it may go next), assignee, counts."""

    description: str
    source: str
    referral_source: str
    opened_date: dt.datetime | None
    closed_date: dt.datetime | None
    outcome: str
    outcome_notes: str
    closure_reason: str
    intake_data: dict[str, Any]
    custom_data: dict[str, Any]
    requires_followup: bool
    followup_date: dt.date | None
    tags: list[str]
    row_version: int
    contact: ContactBrief
    assignee: UserRef | None = Field(None, validation_alias="assigned_to")
    assigned_team: TeamRef | None
    allowed_transitions: list[StatusRef]
    milestone_progress: MilestoneProgressOut

    @staticmethod
    def resolve_milestone_progress(obj: Any) -> dict[str, int]:
        # Counted over the `milestones` reverse relation in one query, because the plan (casework.cases.plan)
        # builds on cases and cases never imports it; the percent follows the plan's MilestoneProgress.percent.
        if hasattr(obj, "milestones_total"):  # annotated by `for_detail`
            completed, total = obj.milestones_completed, obj.milestones_total
        else:
            counts = obj.milestones.aggregate(
                total=Count("pk"), completed=Count("pk", filter=Q(is_completed=True))
            )
            completed, total = counts["completed"], counts["total"]
        return {"completed": completed, "total": total, "percent": completed * 100 // total if total else 0}

    @staticmethod
    def resolve_allowed_transitions(obj: Any) -> list[Any]:
        return [s for s in obj.status.can_transition_to.all() if s.is_active]


class CaseNoteIn(Schema):
    """A note for the case named in the path (POST /api/cases/{case_id}/notes)."""

    note_type: WrittenNoteTypeName = "note"
    subject: str = Field("", max_length=255)
    content: str = Field(..., min_length=1, max_length=50000)
    is_internal: bool = False
    is_important: bool = False
    attachments: list[dict[str, Any]] = Field(default_factory=list, max_length=20)
    outcome_impacts: list[dict[str, Any]] | None = Field(
        None,
        max_length=100,
        description="Outcome tags saved with the note in the same transaction "
        "(same items as PUT /api/cases/{caseId}/interactions/{interactionId}/outcomes)",
    )
    outcomes_mode: Literal["replace", "merge"] = "replace"


class NoteIn(CaseNoteIn):
    """A note for the case named in the body (POST /api/cases/notes, the original contract)."""

    case_id: UUID


class NoteOut(Schema):
    id: UUID
    case_id: UUID
    note_type: NoteTypeName
    subject: str
    content: str = Field(description="The text; for an entry the system wrote, its English rendering")
    kind: NoteKindName = Field(
        description="written: a person wrote `content`; otherwise the entry the system wrote, which a client "
        "renders in its reader's language from `kind` and `params`"
    )
    params: dict[str, Any] = Field(
        description="The raw values of a system entry's sentence (status and case-type names as configured, "
        "names of people and documents, a reason or notes typed with it); empty for a written note"
    )
    is_internal: bool
    is_important: bool
    previous_status_id: UUID | None
    new_status_id: UUID | None
    attachments: list[dict[str, Any]]
    created_at: dt.datetime
    created_by: UserRef | None


class ByCaseTypeOut(Schema):
    case_type_id: UUID
    name: str
    color: str
    count: int
    open: int


class ByAssigneeOut(Schema):
    user_id: UUID
    name: str
    count: int
    open: int


class SummaryFilters(Schema):
    """Restrict the summary to cases taken in (intake date) within [from, to]."""

    date_from: IsoDate | None = Field(None, alias="from")
    date_to: IsoDate | None = Field(None, alias="to")


class ByPriorityOut(Schema):
    """Cases per priority, every priority present (0 when none)."""

    low: int
    medium: int
    high: int
    urgent: int


class ByStatusTypeOut(Schema):
    """Cases per kind of status, every kind present (0 when none)."""

    intake: int
    active: int
    review: int
    closed: int
    cancelled: int


class SummaryOut(Schema):
    total_cases: int
    open_cases: int
    closed_cases: int
    by_priority: ByPriorityOut
    by_status_type: ByStatusTypeOut
    by_case_type: list[ByCaseTypeOut]
    by_assignee: list[ByAssigneeOut]
    cases_due_this_week: int
    overdue_cases: int
    unassigned_cases: int
    urgent_cases: int
    average_case_duration_days: float | None


class FieldChangeOut(Schema):
    field: str
    old: Any
    new: Any


class HistoryEntryOut(Schema):
    id: int
    change_type: Literal["created", "updated", "deleted"]
    changed_at: dt.datetime
    changed_by: UserRef | None
    reason: str | None
    changes: list[FieldChangeOut]


class AssignmentIn(Schema):
    assigned_to: UUID | None = None
    assigned_team_id: UUID | None = None
    reason: str = Field("", max_length=2000)
    row_version: int | None = Field(None, ge=1, description="Optional: refuse if the case changed since read")


class AssignmentOut(Schema):
    id: UUID
    assigned_from: UserRef | None
    assigned_to: UserRef | None
    assigned_team: TeamRef | None
    assignment_reason: str
    assigned_at: dt.datetime
    assigned_by: UserRef | None
    unassigned_at: dt.datetime | None
    unassigned_by: UserRef | None
    rule_id: UUID | None
    rule_name: str | None = Field(None, validation_alias="rule.name")


class WorkloadRowOut(Schema):
    id: UUID
    name: str
    open_cases: int
    overdue_cases: int
    urgent_cases: int


class WorkloadOut(Schema):
    staff: list[WorkloadRowOut]
    teams: list[WorkloadRowOut]
