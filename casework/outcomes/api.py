"""Outcomes API, mounted at the API root: /admin/outcomes..., /cases/outcomes/definitions,
/cases/{case_id}/interactions/{interaction_id}/outcomes and /reports/outcomes."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from casework.accounts.auth import current_user
from casework.core.api import ErrorOut
from casework.core.permissions import can, require
from casework.outcomes import errors, services
from casework.outcomes.access import MANAGE, get_definition_for_admin, get_interaction_for_user
from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition
from casework.outcomes.querysets import outcomes_report
from casework.outcomes.schemas import (
    CamelIn,
    DefinitionIn,
    DefinitionOut,
    DefinitionPatchIn,
    ImpactOut,
    ImpactsIn,
    ModeName,
    OutcomeReportFilters,
    OutcomeReportOut,
    ReorderIn,
)

router = Router(tags=["outcomes"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class DefinitionListFilters(CamelIn):
    include_inactive: bool = Field(False, alias="includeInactive")


# /admin/outcomes/reorder is declared before /admin/outcomes/{outcome_id} so that it wins the URL match.


@router.get("/admin/outcomes", response={200: list[DefinitionOut], **ERRORS})
def list_definitions(request: HttpRequest, filters: Query[DefinitionListFilters]):
    """Outcome definitions in display order; disabled ones too with `includeInactive=true`. Admins only."""
    require(current_user(request), MANAGE)
    definitions = OutcomeDefinition.objects.in_display_order()
    return definitions if filters.include_inactive else definitions.active()


@router.post("/admin/outcomes", response={201: DefinitionOut, **ERRORS})
def create_definition(request: HttpRequest, payload: DefinitionIn):
    """Add an outcome definition. The key is unique (409 duplicate_key) and can never change. Admins only."""
    user = current_user(request)
    require(user, MANAGE)
    return Status(201, services.create_definition(actor=user, **payload.dict()))


@router.post("/admin/outcomes/reorder", response={200: list[DefinitionOut], **ERRORS})
def reorder_definitions(request: HttpRequest, payload: ReorderIn):
    """Set the display order. `orderedIds` names every definition, disabled ones included, exactly once
    (else 422 unknown_id, duplicate_id or incomplete_order); all or nothing. Admins only."""
    user = current_user(request)
    require(user, MANAGE)
    return services.reorder_definitions(actor=user, ordered_ids=payload.ordered_ids)


@router.patch("/admin/outcomes/{outcome_id}", response={200: DefinitionOut, **ERRORS})
def update_definition(request: HttpRequest, outcome_id: UUID, payload: DefinitionPatchIn):
    """Change the fields sent. The key is immutable: another key is 422 immutable_key. Admins only."""
    user = current_user(request)
    get_definition_for_admin(user, outcome_id)
    changes = payload.dict(exclude_unset=True)
    key = changes.pop("key", None)
    return services.update_definition(outcome_id, actor=user, changes=changes, key=key)


@router.post("/admin/outcomes/{outcome_id}/enable", response={200: DefinitionOut, **ERRORS})
def enable_definition(request: HttpRequest, outcome_id: UUID):
    """Make the outcome available for tagging again. Admins only."""
    user = current_user(request)
    get_definition_for_admin(user, outcome_id)
    return services.set_definition_active(outcome_id, actor=user, active=True)


@router.post("/admin/outcomes/{outcome_id}/disable", response={200: DefinitionOut, **ERRORS})
def disable_definition(request: HttpRequest, outcome_id: UUID):
    """Stop new tags with this outcome; the tags already made are kept. Admins only."""
    user = current_user(request)
    get_definition_for_admin(user, outcome_id)
    return services.set_definition_active(outcome_id, actor=user, active=False)


@router.get("/cases/outcomes/definitions", response={200: list[DefinitionOut], **ERRORS}, tags=["metadata"])
def list_active_definitions(request: HttpRequest):
    """Active outcome definitions in display order, for tagging interactions."""
    require(current_user(request), "cases.view")
    return OutcomeDefinition.objects.active().in_display_order()


@router.get(
    "/cases/{case_id}/interactions/{interaction_id}/outcomes",
    response={200: list[ImpactOut], **ERRORS},
)
def get_interaction_outcomes(request: HttpRequest, case_id: UUID, interaction_id: UUID):
    """The outcome tags of one interaction (a note of this case), each with its definition."""
    note = get_interaction_for_user(current_user(request), case_id, interaction_id)
    return InteractionOutcomeImpact.objects.of_interaction(note.pk)


@router.put(
    "/cases/{case_id}/interactions/{interaction_id}/outcomes",
    response={200: list[ImpactOut], **ERRORS},
)
def save_interaction_outcomes(
    request: HttpRequest,
    case_id: UUID,
    interaction_id: UUID,
    payload: ImpactsIn,
    mode: ModeName | None = None,
):
    """Save the interaction's outcome tags. `mode` (body field or query parameter, default replace):
    `replace` removes the tags not sent, `merge` keeps them and updates those sent. New tags need an
    active outcome (422 inactive_outcome). Answers with all the interaction's tags."""
    user = current_user(request)
    get_interaction_for_user(user, case_id, interaction_id, permission="cases.add_note")
    if payload.mode and mode and payload.mode != mode:
        raise errors.CONFLICTING_MODE()
    return services.save_interaction_outcomes(
        actor=user,
        case_id=case_id,
        interaction_id=interaction_id,
        impacts=[item.dict() for item in payload.impacts],
        mode=payload.mode or mode or "replace",
    )


@router.get("/reports/outcomes", response={200: OutcomeReportOut, **ERRORS}, tags=["reports"])
def outcomes_report_view(request: HttpRequest, filters: Query[OutcomeReportFilters]):
    """Outcome impacts on interactions written between `from` and `to` (both days included): per outcome
    the number of impacts and of distinct clients, and the same per week or month. Non-reportable outcomes
    only with `includeNonReportable=true`, for admins. `programId` is not supported (422 unsupported)."""
    user = current_user(request)
    require(user, "reports.view")
    if filters.program_id is not None:
        raise errors.PROGRAM_FILTER_UNSUPPORTED()
    if filters.include_non_reportable and not can(user, MANAGE):
        raise errors.NON_REPORTABLE_DENIED()
    impacts = InteractionOutcomeImpact.objects.counted_in_report(
        date_from=filters.date_from,
        date_to=filters.date_to,
        staff_id=filters.staff_id,
        interaction_type=filters.interaction_type,
        include_non_reportable=filters.include_non_reportable,
    )
    return outcomes_report(impacts, bucket=filters.bucket)
