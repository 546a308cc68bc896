"""Use cases of a case's timeline: notes, logged calls, e-mails and meetings, and their attachments."""

from typing import Any
from uuid import UUID

from django.db import transaction

from casework.accounts.models import User
from casework.audit.services import new_event
from casework.cases import errors
from casework.cases.models import Case, CaseNote, NoteType
from casework.cases.services._write import touch_case
from casework.cases.timeline import Entry, NoteKind
from casework.core.events import publish
from casework.core.writes import Writes


@transaction.atomic
def add_note(
    *,
    actor: User,
    case_id: UUID,
    content: str = "",
    entry: Entry | None = None,
    note_type: str = NoteType.NOTE,
    subject: str = "",
    is_internal: bool = False,
    is_important: bool = False,
    attachments: list[dict[str, Any]] | None = None,
    outcome_impacts: list[dict[str, Any]] | None = None,
    outcomes_mode: str = "replace",
) -> CaseNote:
    """Add an entry to a case's timeline: a person's `content`, or an `entry` the system writes (its kind and
    params, casework.cases.timeline). Status-change notes are written only by change_case_status.

    Subscribers of `case.note_added` (outcome tagging) run in the same transaction: if one refuses the
    payload, the note is not written either.
    """
    if note_type == NoteType.STATUS_CHANGE:
        raise errors.STATUS_CHANGE_NOTE_REFUSED()
    if entry is not None:
        content = entry.content
    if not content.strip():
        raise errors.NOTE_CONTENT_REQUIRED()
    # The fields the audit event names the case by (`str(case)`), nothing else.
    case = Case.objects.filter(pk=case_id).only("pk", "case_number", "title").first()
    if case is None:
        raise errors.CASE_NOT_FOUND(field="case_id")
    note = CaseNote(
        case=case,
        note_type=note_type,
        subject=subject,
        content=content,
        kind=entry.kind if entry is not None else NoteKind.WRITTEN,
        params=entry.params if entry is not None else {},
        is_internal=is_internal,
        is_important=is_important,
        attachments=attachments or [],
        created_by=actor,
    )
    # Sent before the subscribers run: outcome tagging reads the note.
    with Writes() as writes:
        writes.insert(note)
        touch_case(case, writes=writes)
        writes.insert(
            new_event(actor=actor, verb="case.note_added", target=case, data={"note_id": str(note.pk)})
        )
    publish(
        "case.note_added",
        case=case,
        note=note,
        actor=actor,
        outcome_impacts=outcome_impacts,
        outcomes_mode=outcomes_mode,
    )
    return note


@transaction.atomic
def attach_to_note(note_id: UUID, *, attachment: dict[str, Any]) -> CaseNote:
    """Append a stored file's metadata to a note's `attachments` (the note row is locked so none is lost)."""
    note = CaseNote.objects.select_for_update().filter(pk=note_id).first()
    if note is None:
        raise errors.NOTE_NOT_FOUND()
    note.attachments = [*(note.attachments or []), attachment]
    note.save(update_fields=["attachments", "updated_at"])
    return note
