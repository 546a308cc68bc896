"""Use cases of case management. Every write to a case, its status or its timeline goes through here."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases import tallies
from casework.cases.assignment import (
    active_team,
    active_user,
    check_membership,
    choose_route,
    record_assignment,
)
from casework.cases.models import (
    FINISHED_STATUS_TYPES,
    Case,
    CaseNote,
    CaseStatus,
    CaseType,
    NoteType,
    StatusType,
)
from casework.cases.numbering import next_case_number
from casework.contacts.models import Contact
from casework.core.concurrency import apply_changes, lock_for_write
from casework.core.custom_fields import clean_values
from casework.core.errors import NotFound, ValidationFailed
from casework.core.events import publish

# Fields a client may change with update_case; status and assignment have their own use cases.
EDITABLE_FIELDS = {
    "title",
    "description",
    "priority",
    "source",
    "referral_source",
    "due_date",
    "case_type_id",
    "outcome",
    "outcome_notes",
    "closure_reason",
    "intake_data",
    "custom_data",
    "is_urgent",
    "requires_followup",
    "followup_date",
    "tags",
}


def _active_case_type(case_type_id: Any) -> CaseType:
    case_type = CaseType.objects.filter(pk=case_type_id, is_active=True).first()
    if case_type is None:
        raise ValidationFailed("No active case type with this id", field="case_type_id")
    return case_type


def _intake_status() -> CaseStatus:
    status = (
        CaseStatus.objects.filter(status_type=StatusType.INTAKE, is_active=True)
        .order_by("sort_order")
        .first()
    )
    if status is None:
        raise ValidationFailed("No active intake status is configured", field="status_id")
    return status


def _clean_tags(tags: list[str] | None) -> list[str]:
    cleaned = [t.strip() for t in tags or [] if t and t.strip()]
    return list(dict.fromkeys(cleaned))


@transaction.atomic
def open_case(
    *,
    actor: User,
    contact_id: UUID,
    case_type_id: UUID,
    title: str,
    description: str = "",
    priority: str = "medium",
    source: str = "",
    referral_source: str = "",
    assigned_to: UUID | None = None,
    assigned_team_id: UUID | None = None,
    due_date: dt.date | None = None,
    tags: list[str] | None = None,
    intake_data: dict[str, Any] | None = None,
    custom_data: dict[str, Any] | None = None,
    is_urgent: bool = False,
    requires_followup: bool = False,
    followup_date: dt.date | None = None,
) -> Case:
    """Open a case in the Intake status with a fresh case number and an initial intake note.

    `intake_data` is validated against the case type's custom field definitions. A case opened without an
    assignee goes through the auto-assignment rules; the rule used is kept in the assignment history.
    """
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise ValidationFailed("No contact with this id", field="contact_id")
    case_type = _active_case_type(case_type_id)
    assignee = active_user(assigned_to)
    team = active_team(assigned_team_id)
    check_membership(assignee, team)
    cleaned_intake = clean_values(case_type.custom_fields, intake_data, field="intake_data")
    now = timezone.now()
    case = Case(
        case_number=next_case_number(timezone.localdate(now)),
        contact=contact,
        case_type=case_type,
        status=_intake_status(),
        priority=priority,
        title=title,
        description=description,
        source=source,
        referral_source=referral_source,
        intake_date=now,
        due_date=due_date,
        assigned_to=assignee,
        assigned_team=team,
        tags=_clean_tags(tags),
        intake_data=cleaned_intake,
        custom_data=custom_data or {},
        is_urgent=is_urgent,
        requires_followup=requires_followup,
        followup_date=followup_date,
        created_by=actor,
        modified_by=actor,
    )
    route = choose_route(case) if assignee is None and team is None else None
    if route is not None:
        case.assigned_to, case.assigned_team, rule = route
        reason = f"Auto-assigned by rule “{rule.name}”"
    else:
        rule, reason = None, "Assigned at intake"
    case._history_user = actor  # type: ignore[attr-defined]
    case.save(force_insert=True)
    tallies.record(None, tallies.share_of(case))
    record_assignment(
        case, actor=actor, user=case.assigned_to, team=case.assigned_team, reason=reason, rule=rule
    )
    via = f" via {case.get_source_display().lower()}" if source else ""
    referral = f", referred by {referral_source}" if referral_source else ""
    CaseNote.objects.create(
        case=case,
        note_type=NoteType.NOTE,
        subject="Case opened",
        content=f"Intake: {case_type.name} case opened{via}{referral}.\n\n{description}".strip(),
        is_internal=True,
        new_status=case.status,
        created_by=actor,
    )
    record_event(actor=actor, verb="case.created", target=case, data={"case_number": case.case_number})
    return case


@transaction.atomic
def update_case(case_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int) -> Case:
    """Change a case's details. A stale `expected_version` is refused with 409 and nothing is written.

    Every change is kept in the case's history (who, when, old and new values).
    """
    case = lock_for_write(Case.objects.all(), case_id, expected_version=expected_version)
    counted = tallies.share_of(case)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed("Field cannot be changed here", field=sorted(unknown)[0])
    case_type = case.case_type
    if "case_type_id" in changes and changes["case_type_id"] != case.case_type_id:
        # Checked here, set by apply_changes below: setting `case.case_type` first would hide the change
        # from apply_changes, and the new type would never be saved.
        case_type = _active_case_type(changes["case_type_id"])
        changes["case_type_id"] = case_type.pk
    if "tags" in changes:
        changes["tags"] = _clean_tags(changes["tags"])
    if "intake_data" in changes or "case_type_id" in changes:
        intake = changes.get("intake_data", case.intake_data)
        changes["intake_data"] = clean_values(case_type.custom_fields, intake, field="intake_data")
    for text_field in ("title",):
        if text_field in changes and not (changes[text_field] or "").strip():
            raise ValidationFailed("Must not be empty", field=text_field)
    changed = apply_changes(case, changes)
    if not changed:
        return case
    case.modified_by = actor
    case.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    case._history_user = actor
    case.save(update_fields=[*changed, "modified_by", "row_version", "updated_at"])
    tallies.record(counted, tallies.share_of(case))
    case.refresh_from_db(fields=["row_version"])
    record_event(actor=actor, verb="case.updated", target=case, data={"fields": sorted(changed)})
    return case


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
    case = lock_for_write(Case.objects.all(), case_id, expected_version=expected_version)
    target = CaseStatus.objects.filter(pk=new_status_id, is_active=True).first()
    if target is None:
        raise ValidationFailed("No active status with this id", field="new_status_id")
    previous = case.status
    allowed = list(previous.can_transition_to.filter(is_active=True).order_by("sort_order"))
    if target not in allowed:
        raise ValidationFailed(
            f"A case cannot move from {previous.name} to {target.name}",
            code="invalid_transition",
            field="new_status_id",
            allowed=[{"id": str(s.pk), "name": s.name} for s in allowed],
        )
    reason = (reason or "").strip()
    if target.requires_reason and not reason:
        raise ValidationFailed(
            f"Moving to {target.name} requires a reason", code="reason_required", field="reason"
        )

    now = timezone.now()
    counted = tallies.share_of(case)
    case.status = target
    update_fields = ["status", "modified_by", "row_version", "updated_at"]
    if target.status_type in (StatusType.ACTIVE, StatusType.REVIEW) and case.opened_date is None:
        case.opened_date = now
        update_fields.append("opened_date")
    if target.status_type in FINISHED_STATUS_TYPES:
        case.closed_date = now
        case.closure_reason = reason[:255]
        update_fields += ["closed_date", "closure_reason"]
    elif case.closed_date is not None:
        case.closed_date = None
        case.closure_reason = ""
        update_fields += ["closed_date", "closure_reason"]
    case.modified_by = actor
    case.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    case._history_user = actor
    case._change_reason = reason
    case.save(update_fields=update_fields)
    tallies.record(counted, tallies.share_of(case))
    case.refresh_from_db(fields=["row_version"])

    content = f"Status changed from {previous.name} to {target.name}."
    if reason:
        content += f"\nReason: {reason}"
    if notes:
        content += f"\n\n{notes}"
    CaseNote.objects.create(
        case=case,
        note_type=NoteType.STATUS_CHANGE,
        subject=f"{previous.name} → {target.name}",
        content=content,
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


@transaction.atomic
def delete_case(case_id: UUID, *, actor: User) -> None:
    """Delete a case with its notes, documents and history rows. The audit event survives it."""
    case = lock_for_write(Case.objects.all(), case_id)
    record_event(actor=actor, verb="case.deleted", target=case, data={"case_number": case.case_number})
    # Subscribers clean up what the cascade cannot (stored document files, after commit).
    publish("case.deleting", case=case, actor=actor)
    tallies.record(tallies.share_of(case), None)
    case.delete()


@transaction.atomic
def add_note(
    *,
    actor: User,
    case_id: UUID,
    content: str,
    note_type: str = NoteType.NOTE,
    subject: str = "",
    is_internal: bool = False,
    is_important: bool = False,
    attachments: list[dict[str, Any]] | None = None,
    outcome_impacts: list[dict[str, Any]] | None = None,
    outcomes_mode: str = "replace",
) -> CaseNote:
    """Add an entry to a case's timeline. Status-change notes are written only by change_case_status.

    Subscribers of `case.note_added` (outcome tagging) run in the same transaction: if one refuses the
    payload, the note is not written either.
    """
    if note_type == NoteType.STATUS_CHANGE:
        raise ValidationFailed("status_change notes are written by changing the status", field="note_type")
    if not content.strip():
        raise ValidationFailed("A note needs content", field="content")
    case = Case.objects.filter(pk=case_id).only("pk").first()
    if case is None:
        raise NotFound("Case not found", field="case_id")
    note = CaseNote.objects.create(
        case=case,
        note_type=note_type,
        subject=subject,
        content=content,
        is_internal=is_internal,
        is_important=is_important,
        attachments=attachments or [],
        created_by=actor,
    )
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    record_event(actor=actor, verb="case.note_added", target=case, data={"note_id": str(note.pk)})
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
        raise NotFound("Note not found", field="note_id")
    note.attachments = [*(note.attachments or []), attachment]
    note.save(update_fields=["attachments", "updated_at"])
    return note
