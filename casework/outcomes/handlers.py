"""Outcome tags sent together with a new note (POST /api/cases/notes with `outcome_impacts`)."""

from typing import Any

from casework.core.events import subscribe
from casework.outcomes.schemas import parse_impacts
from casework.outcomes.services import save_interaction_outcomes


@subscribe("case.note_added")
def tag_new_note(
    *,
    case: Any,
    note: Any,
    actor: Any,
    outcome_impacts: list[Any] | None = None,
    outcomes_mode: str = "replace",
    **_: Any,
) -> None:
    # Runs inside add_note's transaction: a refused tag (ValidationFailed) rolls the note back too.
    if not outcome_impacts:
        return
    save_interaction_outcomes(
        actor=actor,
        case_id=case.pk,
        interaction_id=note.pk,
        impacts=parse_impacts(outcome_impacts, field="outcome_impacts"),
        mode=outcomes_mode or "replace",
        field="outcome_impacts",
    )
