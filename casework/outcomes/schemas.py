"""Outcomes API shapes: camelCase in (as the seed's reference implementation takes them), snake_case out.

Inputs also accept the snake_case names, so the items sent with a new note may use either.
"""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic.json_schema import SkipJsonSchema

from casework.cases.schemas import NoteTypeName
from casework.core.errors import REFUSED_BY_VALIDATOR
from casework.core.schemas import IsoDate
from casework.outcomes.models import EVIDENCE_NOTE_MAX, INTENSITY_MAX, INTENSITY_MIN, KEY_PATTERN

AttributionName = Literal["DIRECT", "LIKELY", "POSSIBLE"]
ModeName = Literal["replace", "merge"]
BucketName = Literal["week", "month"]


class CamelIn(Schema):
    model_config = ConfigDict(populate_by_name=True)


class DefinitionIn(CamelIn):
    key: str = Field(
        ...,
        min_length=1,
        max_length=150,
        description="Stable identifier, e.g. housing_stabilized",
        json_schema_extra={"pattern": KEY_PATTERN.pattern},
    )
    name: str = Field(..., min_length=1, max_length=255)
    description: str | None = Field("", max_length=5000, description="null is stored as blank")
    category: str | None = Field("", max_length=100, description="null is stored as blank")
    is_active: bool = Field(True, alias="isActive")
    is_reportable: bool = Field(True, alias="isReportable")
    sort_order: int | None = Field(
        None, ge=0, le=1_000_000, alias="sortOrder", description="Default: after the last outcome"
    )

    @field_validator("description", "category", mode="before")
    @classmethod
    def null_is_blank(cls, value: Any) -> Any:
        return "" if value is None else value


class DefinitionPatchIn(CamelIn):
    """Partial update: only the fields sent change. `key` may be sent only with its current value."""

    key: str | None = Field(None, max_length=150)
    name: str | None = Field(None, min_length=1, max_length=255)
    description: str | None = Field(None, max_length=5000)
    category: str | None = Field(None, max_length=100)
    is_active: bool | None = Field(None, alias="isActive")
    is_reportable: bool | None = Field(None, alias="isReportable")
    sort_order: int | None = Field(None, ge=0, le=1_000_000, alias="sortOrder")


class ReorderIn(CamelIn):
    ordered_ids: list[UUID] = Field(
        ...,
        alias="orderedIds",
        max_length=10_000,
        description="Every outcome's id, each once, in the new order",
    )


class DefinitionOut(Schema):
    id: UUID
    key: str
    name: str
    description: str
    category: str
    is_active: bool
    is_reportable: bool
    sort_order: int
    created_at: dt.datetime
    updated_at: dt.datetime


class ImpactIn(CamelIn):
    outcome_definition_id: UUID = Field(..., alias="outcomeDefinitionId")
    impact: bool = Field(True, description="false: the interaction did not contribute to this outcome")
    attribution: AttributionName = "DIRECT"
    intensity: int | None = Field(None, ge=INTENSITY_MIN, le=INTENSITY_MAX)
    evidence_note: str | None = Field(None, max_length=EVIDENCE_NOTE_MAX, alias="evidenceNote")

    @field_validator("attribution", mode="before")
    @classmethod
    def null_is_default(cls, value: Any) -> Any:
        return "DIRECT" if value is None else value


class ImpactsIn(CamelIn):
    impacts: list[ImpactIn] = Field(..., max_length=100)
    mode: ModeName | None = Field(
        None, description="replace (default) or merge; also accepted as query parameter"
    )


class ImpactOut(Schema):
    id: UUID
    interaction_id: UUID
    outcome_definition_id: UUID
    impact: bool
    attribution: AttributionName
    intensity: int | None
    evidence_note: str
    created_by_user_id: UUID | None = Field(None, validation_alias="created_by_id")
    created_at: dt.datetime
    updated_at: dt.datetime
    outcome_definition: DefinitionOut


class OutcomeReportFilters(CamelIn):
    date_from: IsoDate = Field(..., alias="from", description="First day (YYYY-MM-DD), included")
    date_to: IsoDate = Field(..., alias="to", description="Last day (YYYY-MM-DD), included")
    staff_id: UUID | None = Field(None, alias="staffId", description="Only interactions written by this user")
    interaction_type: NoteTypeName | None = Field(None, alias="interactionType")
    bucket: BucketName = "week"
    include_non_reportable: bool = Field(False, alias="includeNonReportable", description="Admins only")
    # The contract keeps the parameter and refuses every value of it (422 unsupported, in the operation's
    # description): the schema does not offer it, so a generated client has no parameter that always fails.
    program_id: SkipJsonSchema[str | None] = Field(None, alias="programId")


class OutcomeTotalOut(Schema):
    outcomeDefinitionId: UUID
    key: str
    name: str
    countImpacts: int
    uniqueClientsImpacted: int


class OutcomeBucketOut(Schema):
    bucketStart: dt.date = Field(..., description="Monday of the week, or first day of the month")
    outcomeDefinitionId: UUID
    key: str
    countImpacts: int
    uniqueClientsImpacted: int


class OutcomeReportOut(Schema):
    bucket: BucketName
    totalsByOutcome: list[OutcomeTotalOut]
    timeseries: list[OutcomeBucketOut]


def parse_impacts(items: list[Any], *, field: str) -> list[dict[str, Any]]:
    """Validate impact items that arrived untyped (with a new note) exactly as PUT .../outcomes does."""
    parsed = []
    for index, item in enumerate(items):
        try:
            parsed.append(ImpactIn.model_validate(item).dict())
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error.get("loc", ()))
            raise REFUSED_BY_VALIDATOR(
                field=f"{field}.{index}" + (f".{where}" if where else ""),
                reasons=error.get("msg", "Invalid value"),
            ) from exc
    return parsed
