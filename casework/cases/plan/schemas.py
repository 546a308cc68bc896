"""Bodies of a case's plan: relationships, services (delivered for a case), milestones.

The class names are the OpenAPI component names clients know (`ServiceOut`, `ServiceIn`), so the services
delivered keep the API's word for them here.

Money: `cost` is read as a JSON string or number ("125.50" or 125.5, at most two decimals) and always written
as a string with two decimals ("125.50"), so that no client parses it into a binary float by accident.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import AfterValidator, Field, PlainSerializer, WithJsonSchema

from casework.accounts.schemas import UserRef
from casework.cases.schemas import MilestoneProgressOut, StatusTypeName
from casework.core.schemas import IsoDate, NotNull

RelationshipTypeName = Literal["duplicate", "related", "parent", "child", "blocked_by", "blocks"]
DeliveredServiceTypeName = Literal[
    "counseling", "legal", "financial", "housing", "healthcare", "education", "employment", "other"
]
DeliveredServiceStatusName = Literal["scheduled", "completed", "cancelled", "no_show"]

MoneyIn = Annotated[
    Decimal,
    Field(ge=0, max_digits=10, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 99999999.99, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^[0-9]{1,8}(\.[0-9]{1,2})?$"},
            ]
        }
    ),
]
MoneyOut = Annotated[
    Decimal,
    PlainSerializer(lambda value: f"{value:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "format": "decimal", "examples": ["125.50"]}),
]
CURRENCY = Field("USD", pattern=r"^[A-Za-z]{3}$", description="ISO 4217 code, stored in capitals")


def _naive_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day without a UTC offset is expected")
    return value


# A time of day as the service was delivered, local and without offset: 09:00, 09:00:00 or 09:00:00.5.
NaiveTime = Annotated[
    dt.time,
    AfterValidator(_naive_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "HH:MM or HH:MM:SS, local time, no UTC offset",
            "examples": ["09:00"],
        }
    ),
]


# --- relationships -------------------------------------------------------------------------------------------


class RelationshipIn(Schema):
    related_case_id: UUID
    relationship_type: RelationshipTypeName = Field(
        ..., description='Read as "this case <type> the related case": parent = this case is the parent'
    )
    description: str = Field("", max_length=2000)


class RelatedCaseOut(Schema):
    id: UUID
    case_number: str
    title: str
    status_name: str = Field(..., validation_alias="status.name")
    status_type: StatusTypeName = Field(..., validation_alias="status.status_type")


class RelationshipOut(Schema):
    """A link as seen from `case_id`; the other case holds the inverse link (parent here, child there)."""

    id: UUID
    case_id: UUID
    related_case: RelatedCaseOut
    relationship_type: RelationshipTypeName
    description: str
    created_at: dt.datetime
    created_by: UserRef | None


# --- services ------------------------------------------------------------------------------------------------


class ServiceIn(Schema):
    service_name: str = Field(..., min_length=1, max_length=255)
    service_type: DeliveredServiceTypeName = "other"
    service_provider: str = Field("", max_length=255)
    service_date: IsoDate
    start_time: NaiveTime | None = None
    end_time: NaiveTime | None = Field(None, description="After start_time, on the same day")
    duration_minutes: int | None = Field(
        None, ge=0, le=1440, description="Minutes; derived from start_time and end_time when not given"
    )
    status: DeliveredServiceStatusName = "scheduled"
    outcome: str = Field("", max_length=20000)
    cost: MoneyIn | None = Field(
        None, description='Money: "125.50" or 125.5; zero or more, two decimals at most'
    )
    currency: str = CURRENCY
    notes: str = Field("", max_length=20000)


class ServiceUpdateIn(Schema):
    """Partial update: only the fields sent change; `null` clears an optional field (a required one refuses
    it). Send the `row_version` you read to refuse the change if someone changed the service since (409)."""

    row_version: int | None = Field(None, ge=1)
    service_name: NotNull[str] = Field(None, min_length=1, max_length=255)
    service_type: NotNull[DeliveredServiceTypeName] = None
    service_provider: str | None = Field(None, max_length=255)
    service_date: NotNull[IsoDate] = None
    start_time: NaiveTime | None = None
    end_time: NaiveTime | None = None
    duration_minutes: int | None = Field(None, ge=0, le=1440)
    status: NotNull[DeliveredServiceStatusName] = None
    outcome: str | None = Field(None, max_length=20000)
    cost: MoneyIn | None = None
    currency: NotNull[str] = Field(
        None, pattern=r"^[A-Za-z]{3}$", json_schema_extra={"pattern": "^[A-Za-z]{3}$"}
    )
    notes: str | None = Field(None, max_length=20000)


class ServiceOut(Schema):
    id: UUID
    case_id: UUID
    service_name: str
    service_type: DeliveredServiceTypeName
    service_provider: str
    service_date: IsoDate
    start_time: dt.time | None
    end_time: dt.time | None
    duration_minutes: int | None
    status: DeliveredServiceStatusName
    outcome: str
    cost: MoneyOut | None = Field(..., description='A decimal string with two places, e.g. "125.50"')
    currency: str
    notes: str
    row_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: UserRef | None


# --- milestones ----------------------------------------------------------------------------------------------


class MilestoneIn(Schema):
    milestone_name: str = Field(..., min_length=1, max_length=255)
    description: str = Field("", max_length=20000)
    due_date: IsoDate | None = None
    is_completed: bool = False
    completed_date: IsoDate | None = Field(
        None, description="Only with is_completed; today when not given; not in the future"
    )
    sort_order: int | None = Field(
        None, ge=0, le=1_000_000, description="Position; after the last when not given"
    )


class MilestoneUpdateIn(Schema):
    """Partial update: only the fields sent change. `is_completed: true` sets `completed_date` (today unless
    given), `false` clears it. Send the `row_version` you read to refuse a stale change (409). The position
    changes with POST /api/cases/{case_id}/milestones/reorder."""

    row_version: int | None = Field(None, ge=1)
    milestone_name: NotNull[str] = Field(None, min_length=1, max_length=255)
    description: str | None = Field(None, max_length=20000)
    due_date: IsoDate | None = None
    is_completed: NotNull[bool] = None
    completed_date: IsoDate | None = None


class MilestoneOut(Schema):
    id: UUID
    case_id: UUID
    milestone_name: str
    description: str
    due_date: dt.date | None
    completed_date: dt.date | None
    is_completed: bool
    is_overdue: bool = Field(..., description="Open and past its due date")
    sort_order: int
    row_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: UserRef | None


class MilestoneListOut(Schema):
    milestones: list[MilestoneOut]
    progress: MilestoneProgressOut


class MilestoneReorderIn(Schema):
    ordered_ids: list[UUID] = Field(
        ..., alias="orderedIds", max_length=1000, description="Every milestone of the case, exactly once"
    )
