"""Fetch-and-authorize helpers for outcomes: return the object or raise 401/403/404."""

from typing import Any
from uuid import UUID

from casework.cases.models import CaseNote
from casework.core.permissions import require
from casework.outcomes import errors
from casework.outcomes.models import OutcomeDefinition

MANAGE = "outcomes.manage"


def get_definition_for_admin(user: Any, definition_id: UUID) -> OutcomeDefinition:
    require(user, MANAGE)
    definition = OutcomeDefinition.objects.filter(pk=definition_id).first()
    if definition is None:
        raise errors.OUTCOME_NOT_FOUND()
    return definition


def get_interaction_for_user(
    user: Any, case_id: UUID, interaction_id: UUID, *, permission: str = "cases.view"
) -> CaseNote:
    """The note `interaction_id` of case `case_id`; a note of another case is 404, like a missing one."""
    require(user, permission)
    note = CaseNote.objects.filter(pk=interaction_id, case_id=case_id).first()
    if note is None:
        raise errors.INTERACTION_NOT_FOUND()
    return note
