"""The use case of the workflow: moving a case from one status to another along the allowed transitions."""

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases import errors, timeline
from casework.cases.models import FINISHED_STATUS_TYPES, Case, CaseNote, CaseStatus, NoteType, StatusType
from casework.cases.services._write import lock_case, write_case
from casework.cases.timeline import NoteKind
from casework.core.events import publish
from casework.core.labels import label


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
    target = CaseStatus.objects.filter(pk=new_status_id, is_active=True).first()
    if target is None:
        raise errors.NO_ACTIVE_STATUS()
    previous = case.status
    allowed = list(previous.can_transition_to.filter(is_active=True).order_by("sort_order"))
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
    write_case(case, changes, actor=actor, reason=reason)
    case.refresh_from_db(fields=["row_version"])

    written = timeline.entry(
        NoteKind.STATUS_CHANGED, previous=previous.name, new=target.name, reason=reason, notes=notes
    )
    CaseNote.objects.create(
        case=case,
        note_type=NoteType.STATUS_CHANGE,
        subject=f"{previous.name} → {target.name}",
        **written.fields(),
        is_internal=True,
        previous_status=previous,
        new_status=target,
        created_by=actor,
    )
    record_event(
        actor=actor,
        verb="case.status_changed",
        target=case,
        data={"from": previous.name, "to": target.name, "reason": reason},
    )
    publish("case.status_changed", case=case, actor=actor, previous=previous, target=target, reason=reason)
    return case
