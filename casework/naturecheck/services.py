"""Use cases of Nature Check: farms and their owners, assigning a consultant, updating and closing the case.

Every write to a farm or a Nature Check case goes through here. Errors are the codes of
`casework.naturecheck.errors`, rendered in the reader's language (the use cases' own Danish wording in Danish).
"""

import re
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.contacts.services import create_contact
from casework.core.concurrency import apply_changes
from casework.core.errors import FIELD_NOT_CHANGEABLE, REQUIRED, DomainError
from casework.core.events import publish
from casework.core.permissions import can
from casework.naturecheck import errors
from casework.naturecheck.history import FARM_UPDATED
from casework.naturecheck.models import (
    CONSULTANT_ROLE,
    DANISH_PRIORITY_LABELS,
    DEFAULT_COUNTRY,
    TRANSITIONS,
    Farm,
    Farmer,
    NatureCheckCase,
    Priority,
    Status,
)

CVR = re.compile(r"^\d{8}$")
FARM_FIELDS = {"name", "cvr", "street", "postal_code", "city", "country"}
# The shared inbox's empty-state line (casework.notifications). Marked here so this module's catalogue gives
# it the Nature Check use case's Danish wording, which consultants see.
EMPTY_INBOX = gettext_noop("No notifications.")
# The consultant's notification title, written by casework.notifications on `naturecheck.case_assigned`.
ASSIGNED_TITLE = gettext_noop("Nature Check case for %(farm)s")


# --- rules shared by several use cases ------------------------------------------------------------------------


def parse_priority(value: str | None, *, field: str = "priority") -> str | None:
    """The stored (English) priority for an English value or a Danish label, any case; blank means none."""
    if value is None or not value.strip():
        return None
    wanted = value.strip().casefold()
    for choice in Priority:
        if wanted == choice.value.casefold():
            return choice.value
    for label, choice in DANISH_PRIORITY_LABELS.items():
        if wanted == label.casefold():
            return choice.value
    allowed = ", ".join(f"{p.value} ({label})" for label, p in DANISH_PRIORITY_LABELS.items())
    raise errors.INVALID_PRIORITY(
        field=field, choices=allowed, allowed=[p.value for p in Priority] + list(DANISH_PRIORITY_LABELS)
    )


def _clean_cvr(cvr: str) -> str:
    cvr = (cvr or "").strip()
    if not CVR.match(cvr):
        raise errors.INVALID_CVR()
    return cvr


def _cvr_taken(cvr: str) -> DomainError:
    return errors.CVR_TAKEN(cvr=cvr)


def _consultant(consultant_id: Any) -> User:
    """The user to assign: must exist, be active and hold the Consultant role (422 otherwise)."""
    if consultant_id is None:
        raise errors.CONSULTANT_NOT_FOUND()
    user = User.objects.filter(pk=consultant_id).first()
    if user is None:
        raise errors.CONSULTANT_NOT_FOUND()
    if user.role_id != CONSULTANT_ROLE:
        raise errors.NOT_A_CONSULTANT()
    if not user.is_active:
        raise errors.CONSULTANT_INACTIVE()
    return user


def _farmer(*, actor: Any, first_name: str, last_name: str, email: str) -> Farmer:
    """The farmer with this email, or a new one. An email of anyone else (a staff account) is refused."""
    email = email.strip().lower()
    if not email or "@" not in email:
        raise errors.INVALID_EMAIL()
    if User.objects.filter(email__iexact=email).exists():
        raise errors.EMAIL_BELONGS_TO_OTHER_ROLE(email=email)
    farmer = Farmer.objects.filter(email=email).select_related("contact").first()
    if farmer is not None:
        return farmer
    try:
        with transaction.atomic():
            contact = create_contact(
                actor=actor, first_name=first_name.strip(), last_name=last_name.strip(), email=email
            )
            return Farmer.objects.create(contact=contact, email=email)
    except IntegrityError:
        # Someone registered the same farmer a moment ago: theirs is the one.
        return Farmer.objects.select_related("contact").get(email=email)


def _farm_not_found() -> DomainError:
    return errors.FARM_NOT_FOUND(field="farm_id")


def _lock_case(case_id: UUID, expected_version: int | None) -> NatureCheckCase:
    case = NatureCheckCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    if expected_version is not None and case.row_version != expected_version:
        raise errors.CASE_CHANGED(current_row_version=case.row_version)
    return case


# --- farms -----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_farm(
    *,
    actor: User,
    name: str,
    cvr: str,
    street: str,
    postal_code: str,
    city: str,
    country: str | None = None,
    owner_first_name: str,
    owner_last_name: str,
    owner_email: str,
) -> Farm:
    """Register a farm with its address and owner. The CVR number is unique (409 `cvr_taken`); an existing
    farmer's email reuses that farmer."""
    cvr = _clean_cvr(cvr)
    owner = _farmer(actor=actor, first_name=owner_first_name, last_name=owner_last_name, email=owner_email)
    farm = Farm(
        name=name.strip(),
        cvr=cvr,
        street=street.strip(),
        postal_code=postal_code.strip(),
        city=city.strip(),
        country=(country or "").strip() or DEFAULT_COUNTRY,
        owner=owner,
    )
    try:
        with transaction.atomic():
            farm.save(force_insert=True)
    except IntegrityError as exc:
        raise _cvr_taken(cvr) from exc
    record_event(actor=actor, verb="naturecheck.farm_created", target=farm, data={"cvr": cvr})
    return farm


@transaction.atomic
def update_farm(
    farm_id: UUID,
    *,
    actor: User,
    changes: dict[str, Any],
    owner: dict[str, str] | None = None,
    expected_version: int | None = None,
) -> Farm:
    """Change a farm's name, CVR number, address or owner (found or registered by email). A stale
    `expected_version` is refused (409) and nothing is written."""
    farm = Farm.objects.select_for_update().filter(pk=farm_id).first()
    if farm is None:
        raise _farm_not_found()
    if expected_version is not None and farm.row_version != expected_version:
        raise errors.FARM_CHANGED(current_row_version=farm.row_version)
    unknown = set(changes) - FARM_FIELDS
    if unknown:
        raise FIELD_NOT_CHANGEABLE(field=sorted(unknown)[0])
    changes = {k: (v or "").strip() for k, v in changes.items()}
    for required in ("name", "street", "postal_code", "city"):
        if required in changes and not changes[required]:
            raise REQUIRED(field=required)
    if "cvr" in changes:
        changes["cvr"] = _clean_cvr(changes["cvr"])
    if "country" in changes and not changes["country"]:
        changes["country"] = DEFAULT_COUNTRY
    if owner is not None:
        changes["owner_id"] = _farmer(actor=actor, **owner).pk
    changed = apply_changes(farm, changes)
    if not changed:
        return farm
    farm.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    try:
        with transaction.atomic():
            farm.save(update_fields=[*changed, "row_version", "updated_at"])
    except IntegrityError as exc:
        raise _cvr_taken(farm.cvr) from exc
    # The version written is recorded, so a stale edit can tell who wrote each version after it.
    record_event(
        actor=actor,
        verb=FARM_UPDATED,
        target=farm,
        data={"fields": sorted(changed), "row_version": farm.row_version},
    )
    return farm


@transaction.atomic
def delete_farm(farm_id: UUID, *, actor: User) -> None:
    """Delete a farm and its finished cases. A farm with an active case is kept (409 `farm_has_active_case`).

    The farm row is locked, and assigning a case locks it too, so a case cannot be assigned to a farm that
    is being deleted.
    """
    farm = Farm.objects.select_for_update().filter(pk=farm_id).first()
    if farm is None:
        raise _farm_not_found()
    if NatureCheckCase.objects.active().filter(farm=farm).exists():
        raise errors.FARM_HAS_ACTIVE_CASES()
    record_event(actor=actor, verb="naturecheck.farm_deleted", target=farm, data={"cvr": farm.cvr})
    farm.delete()


# --- cases -----------------------------------------------------------------------------------------------------


@transaction.atomic
def assign_case(
    *,
    actor: User,
    farm_id: UUID,
    consultant_id: UUID,
    priority: str | None = None,
    notes: str = "",
) -> NatureCheckCase:
    """Open a Nature Check case for a farm: status Assigned, created and assigned now, by `actor`, with a
    notification for the consultant, all in one transaction.

    A farm has at most one active case; the partial unique index decides between simultaneous assignments
    (the loser gets 409 `farm_has_active_case`).
    """
    priority = parse_priority(priority)
    # Locked against a concurrent delete_farm; the one-active-case rule is the index's job.
    farm = Farm.objects.select_for_update().filter(pk=farm_id).first()
    if farm is None:
        raise _farm_not_found()
    consultant = _consultant(consultant_id)
    now = timezone.now()
    case = NatureCheckCase(
        farm=farm,
        consultant=consultant,
        assigned_by=actor,
        status=Status.ASSIGNED,
        priority=priority,
        notes=(notes or "").strip(),
        created_at=now,
        assigned_at=now,
    )
    case._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            case.save(force_insert=True)
    except IntegrityError as exc:
        raise errors.FARM_HAS_ACTIVE_CASE() from exc
    record_event(
        actor=actor,
        verb="naturecheck.case_assigned",
        target=case,
        data={"farm": farm.cvr, "consultant": str(consultant.pk), "priority": priority},
    )
    # The notifications app puts the assignment in the consultant's inbox (same transaction).
    publish("naturecheck.case_assigned", case=case, actor=actor)
    return case


@transaction.atomic
def update_case(
    case_id: UUID, *, actor: User, expected_version: int, changes: dict[str, Any]
) -> NatureCheckCase:
    """Change an active case's consultant, priority and/or notes, each independently; `assigned_at` becomes now.

    Only Assigned and InProgress cases change (409 `case_not_active`); a stale `expected_version` is refused
    (409 `concurrent_modification`) and nothing is written. A new consultant gets a notification, the previous
    one's notifications about the case are marked read, and the change lands in the case history.
    """
    if "priority" in changes:
        changes["priority"] = parse_priority(changes["priority"])
    if "notes" in changes:
        changes["notes"] = (changes["notes"] or "").strip()
    case = _lock_case(case_id, expected_version)
    if not case.is_active:
        raise errors.CASE_NOT_ACTIVE()
    if "consultant_id" in changes:
        changes["consultant_id"] = _consultant(changes["consultant_id"]).pk
    previous_consultant = case.consultant_id
    changed = apply_changes(
        case, {k: v for k, v in changes.items() if k in {"consultant_id", "priority", "notes"}}
    )
    case.assigned_at = timezone.now()
    case.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    case._history_user = actor  # type: ignore[attr-defined]
    reassigned = "consultant_id" in changed
    if reassigned:
        case._change_reason = "reassigned"  # type: ignore[attr-defined]
    case.save(update_fields=[*changed, "assigned_at", "row_version", "updated_at"])
    data: dict[str, Any] = {"fields": sorted(changed)}
    if reassigned:
        data["consultant"] = {"from": str(previous_consultant), "to": str(case.consultant_id)}
        publish(
            "naturecheck.consultant_changed",
            case=case,
            actor=actor,
            previous_consultant_id=previous_consultant,
        )
    record_event(actor=actor, verb="naturecheck.case_updated", target=case, data=data)
    return case


@transaction.atomic
def change_case_status(
    case_id: UUID, *, actor: User, status: str, expected_version: int | None
) -> NatureCheckCase:
    """Move a case along Assigned → InProgress → Completed, or to Cancelled while it is active.

    Employees (naturecheck.assign) make any allowed move; the consultant on the case may start and complete it.
    """
    case = _lock_case(case_id, expected_version)
    if not can(actor, "naturecheck.assign"):
        own = can(actor, "naturecheck.work") and case.consultant_id == actor.pk
        if not own or status not in (Status.IN_PROGRESS, Status.COMPLETED):
            raise errors.NOT_CASE_CONSULTANT()
    allowed = TRANSITIONS[case.status]
    if not allowed:
        raise errors.CASE_NOT_ACTIVE()
    if status not in allowed:
        # "from" and "to" are the message's names for them, and `from` is a keyword.
        labels: dict[str, Any] = {"from": Status(case.status).label, "to": Status(status).label}
        raise errors.INVALID_TRANSITION(**labels, allowed=list(allowed))
    previous = case.status
    case.status = status
    case.row_version += 1
    case._history_user = actor  # type: ignore[attr-defined]
    case.save(update_fields=["status", "row_version", "updated_at"])
    record_event(
        actor=actor,
        verb="naturecheck.case_status_changed",
        target=case,
        data={"from": previous, "to": status},
    )
    return case
