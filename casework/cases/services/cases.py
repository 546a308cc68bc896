"""Use cases of a case itself: open it (intake), change its details, delete it."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import new_event, record_event
from casework.cases import errors, timeline
from casework.cases.models import Case, CaseNote, CaseStatus, CaseType, NoteType, StatusType
from casework.cases.numbering import next_case_number
from casework.cases.services._write import insert_case, lock_case, remove_case, write_case
from casework.cases.services.assignment import (
    active_team,
    assignable_user,
    check_membership,
    choose_route,
    record_assignment,
)
from casework.cases.timeline import NoteKind
from casework.contacts.models import Contact
from casework.core.custom_fields import clean_values
from casework.core.errors import FIELD_NOT_CHANGEABLE, MUST_NOT_BE_EMPTY
from casework.core.events import publish
from casework.core.writes import Writes

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
        raise errors.NO_ACTIVE_CASE_TYPE()
    return case_type


def _intake_status() -> CaseStatus:
    status = (
        CaseStatus.objects.filter(status_type=StatusType.INTAKE, is_active=True)
        .order_by("sort_order")
        .first()
    )
    if status is None:
        raise errors.NO_INTAKE_STATUS()
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
        raise errors.NO_SUCH_CONTACT()
    case_type = _active_case_type(case_type_id)
    assignee = assignable_user(assigned_to)
    team = active_team(assigned_team_id)
    check_membership(assignee, team)
    cleaned_intake = clean_values(case_type.custom_fields, intake_data, field="intake_data")
    now = timezone.now()
    case = Case(
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
    # Numbered last: the day's counter row stays locked until the commit, and every case opened that day
    # waits for it (the numbers have no gaps), so it is held for the few statements left.
    case.case_number = next_case_number(timezone.localdate(now))
    with Writes() as writes:
        insert_case(case, actor=actor, writes=writes)
        record_assignment(
            case,
            actor=actor,
            user=case.assigned_to,
            team=case.assigned_team,
            reason=reason,
            rule=rule,
            writes=writes,
            new_case=True,
        )
        written = timeline.entry(
            NoteKind.INTAKE,
            case_type=case_type.name,
            source=source,
            referral=referral_source,
            description=(description or "").strip(),
        )
        writes.insert(
            CaseNote(
                case=case,
                note_type=NoteType.NOTE,
                subject="Case opened",
                **written.fields(),
                is_internal=True,
                new_status=case.status,
                created_by=actor,
            )
        )
        writes.insert(
            new_event(actor=actor, verb="case.created", target=case, data={"case_number": case.case_number})
        )
    return case


@transaction.atomic
def update_case(case_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int) -> Case:
    """Change a case's details. A stale `expected_version` is refused with 409 and nothing is written.

    Every change is kept in the case's history (who, when, old and new values).
    """
    case = lock_case(case_id, expected_version=expected_version)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise FIELD_NOT_CHANGEABLE(field=sorted(unknown)[0])
    case_type = case.case_type
    if "case_type_id" in changes and changes["case_type_id"] != case.case_type_id:
        # Checked here, set by write_case below: setting `case.case_type` first would hide the change
        # from the comparison below, and the new type would never be saved.
        case_type = _active_case_type(changes["case_type_id"])
        changes["case_type_id"] = case_type.pk
    if "tags" in changes:
        changes["tags"] = _clean_tags(changes["tags"])
    if "intake_data" in changes or "case_type_id" in changes:
        intake = changes.get("intake_data", case.intake_data)
        changes["intake_data"] = clean_values(case_type.custom_fields, intake, field="intake_data")
    for text_field in ("title",):
        if text_field in changes and not (changes[text_field] or "").strip():
            raise MUST_NOT_BE_EMPTY(field=text_field)
    # Only the values that differ are written; when none does, nothing is (the version stays).
    differing = {name: value for name, value in changes.items() if getattr(case, name) != value}
    if not differing:
        return case
    with Writes() as writes:
        changed = write_case(case, differing, actor=actor, writes=writes)
        writes.insert(
            new_event(actor=actor, verb="case.updated", target=case, data={"fields": sorted(changed)})
        )
    return case


@transaction.atomic
def delete_case(case_id: UUID, *, actor: User) -> None:
    """Delete a case with its notes, documents and history rows. The audit event survives it."""
    case = lock_case(case_id)
    record_event(actor=actor, verb="case.deleted", target=case, data={"case_number": case.case_number})
    # Subscribers clean up what the cascade cannot (stored document files, after commit).
    publish("case.deleting", case=case, actor=actor)
    remove_case(case)
