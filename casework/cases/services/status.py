"""The use case of the workflow: moving a case from one status to another along the allowed transitions."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import new_event
from casework.cases import errors, timeline
from casework.cases.models import FINISHED_STATUS_TYPES, Case, CaseNote, CaseStatus, NoteType, StatusType
from casework.cases.querysets import with_transitions
from casework.cases.services._write import lock_case, write_case
from casework.cases.timeline import NoteKind
from casework.core.events import publish
from casework.core.labels import label
from casework.core.writes import Writes


def _workflow_step(current_id: Any, target_id: Any) -> tuple[CaseStatus, CaseStatus | None, list[CaseStatus]]:
    """In one query: the current status, the target (None unless it exists and is active) and the active
    statuses the current one may move to, in workflow order; the target comes with the statuses it may move to
    in turn (its `can_transition_to`, read with it: the case's next moves, which the response shows)."""
    through = CaseStatus.can_transition_to.through.objects

    def moves_from(status_id: Any) -> Exists:
        return Exists(through.filter(from_casestatus_id=status_id, to_casestatus_id=OuterRef("pk")))

    rows = list(
        CaseStatus.objects.annotate(allowed=moves_from(current_id), onward=moves_from(target_id)).filter(
            Q(pk__in=[current_id, target_id]) | Q(allowed=True) | Q(onward=True)
        )
    )
    current = next(s for s in rows if s.pk == current_id)
    target = next((s for s in rows if s.pk == target_id and s.is_active), None)
    if target is not None:
        with_transitions(target, [s for s in rows if s.onward])
    return current, target, [s for s in rows if s.allowed and s.is_active]


def status_change_note(
    case: Case,
    previous: CaseStatus,
    target: CaseStatus,
    *,
    reason: str,
    author: User | None,
    notes: str = "",
    created_at: datetime | None = None,
) -> CaseNote:
    """The (unsaved) timeline entry of a case's move from `previous` to `target`: what a status change writes,
    and what the demo data's generated histories hold."""
    note = CaseNote(
        case=case,
        note_type=NoteType.STATUS_CHANGE,
        subject=f"{previous.name} → {target.name}",
        **timeline.entry(
            NoteKind.STATUS_CHANGED, previous=previous.name, new=target.name, reason=reason, notes=notes
        ).fields(),
        is_internal=True,
        previous_status=previous,
        new_status=target,
        created_by=author,
    )
    if created_at is not None:
        note.created_at = created_at
    return note


@transaction.atomic
def change_case_status(
    case_id: UUID,
    *,
    actor: User,
    new_status_id: UUID,
    reason: str = "",
    notes: str = "",
    expected_version: int | None = None,
) -> Case:
    """Move a case along the workflow: only to a status the current one allows, with a reason where the
    target demands one. Sets the opened/closed dates and writes a status_change note."""
    case = lock_case(case_id, expected_version=expected_version)
    previous, target, allowed = _workflow_step(case.status_id, new_status_id)
    case.status = previous  # read already: not again when the change is compared
    if target is None:
        raise errors.NO_ACTIVE_STATUS()
    if target not in allowed:
        raise errors.INVALID_TRANSITION(
            current=label("status", previous.name),
            target=label("status", target.name),
            allowed=[{"id": str(s.pk), "name": s.name} for s in allowed],
        )
    reason = (reason or "").strip()
    if target.requires_reason and not reason:
        raise errors.REASON_REQUIRED(target=label("status", target.name))

    now = timezone.now()
    changes: dict[str, Any] = {"status": target}
    if target.status_type in (StatusType.ACTIVE, StatusType.REVIEW) and case.opened_date is None:
        changes["opened_date"] = now
    if target.status_type in FINISHED_STATUS_TYPES:
        changes.update(closed_date=now, closure_reason=reason[:255])
    elif case.closed_date is not None:
        changes.update(closed_date=None, closure_reason="")
    with Writes() as writes:
        write_case(case, changes, actor=actor, reason=reason, writes=writes)
        writes.insert(status_change_note(case, previous, target, reason=reason, notes=notes, author=actor))
        writes.insert(
            new_event(
                actor=actor,
                verb="case.status_changed",
                target=case,
                data={"from": previous.name, "to": target.name, "reason": reason},
            )
        )
    publish("case.status_changed", case=case, actor=actor, previous=previous, target=target, reason=reason)
    return case
