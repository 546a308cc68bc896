"""Use cases of a case's plan: links between cases, services delivered, milestones.

Every write records an audit event on the case it concerns (on both cases for a link).
"""

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases.models import (
    INVERSE_RELATIONSHIP,
    Case,
    CaseMilestone,
    CaseRelationship,
    CaseService,
    RelationshipType,
    ServiceStatus,
    ServiceType,
)
from casework.core.concurrency import apply_changes, lock_for_write
from casework.core.errors import Conflict, NotFound, ValidationFailed

SERVICE_FIELDS = {
    "service_name",
    "service_type",
    "service_provider",
    "service_date",
    "start_time",
    "end_time",
    "duration_minutes",
    "status",
    "outcome",
    "cost",
    "currency",
    "notes",
}
MILESTONE_FIELDS = {"milestone_name", "description", "due_date", "is_completed", "completed_date"}
CENT = Decimal("0.01")
MAX_COST = Decimal("99999999.99")  # DECIMAL(10, 2)


def _lock_cases(*case_ids: UUID) -> dict[UUID, Case]:
    """Lock the given cases' rows until the transaction ends and return those that exist.

    Plan writes that decide on the current links or milestones of a case take this lock first, so they run one
    after the other per case. Rows are locked in primary-key order, so two writers on the same pair of cases
    never wait on each other crosswise. FOR NO KEY UPDATE does not block inserts that only reference the case.
    """
    cases = (
        Case.objects.select_related(None)
        .select_for_update(no_key=True)
        .filter(pk__in=set(case_ids))
        .order_by("pk")
    )
    return {case.pk: case for case in cases}


def _locked_case(case_id: UUID) -> Case:
    case = _lock_cases(case_id).get(case_id)
    if case is None:
        raise NotFound("Case not found", field="case_id")
    return case


def _case(case_id: UUID) -> Case:
    case = Case.objects.filter(pk=case_id).only("pk", "case_number", "title").first()
    if case is None:
        raise NotFound("Case not found", field="case_id")
    return case


def _choice(value: Any, choices: type, field: str) -> str:
    try:
        return str(choices(value).value)
    except ValueError:
        raise ValidationFailed(f"Unknown value {value!r}", field=field) from None


def _required_text(value: Any, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed("Must not be empty", code="blank", field=field)
    return text


# --- relationships -------------------------------------------------------------------------------------------


@transaction.atomic
def add_relationship(
    *,
    actor: User,
    case_id: UUID,
    related_case_id: UUID,
    relationship_type: str,
    description: str = "",
) -> CaseRelationship:
    """Link `case` to `related_case`; the inverse link (child for parent, blocks for blocked_by ...) appears on
    the other case in the same transaction.

    Refused: a link to the case itself (422 self_link), an unknown related case (422 unknown_case), a link that
    exists already, from either side (409 relationship_exists), and one that reverses an existing directed link,
    such as making A the child of its own child B (409 relationship_contradicts).
    """
    kind = RelationshipType(_choice(relationship_type, RelationshipType, "relationship_type"))
    inverse = INVERSE_RELATIONSHIP[kind]
    if related_case_id == case_id:
        raise ValidationFailed("A case cannot be linked to itself", code="self_link", field="related_case_id")
    cases = _lock_cases(case_id, related_case_id)
    if case_id not in cases:
        raise NotFound("Case not found", field="case_id")
    if related_case_id not in cases:
        raise ValidationFailed("No case with this id", code="unknown_case", field="related_case_id")

    existing = set(
        CaseRelationship.objects.filter(case_id=case_id, related_case_id=related_case_id).values_list(
            "relationship_type", flat=True
        )
    )
    if kind in existing:
        raise Conflict(
            "These cases are already linked this way", code="relationship_exists", field="relationship_type"
        )
    if inverse != kind and inverse in existing:
        raise Conflict(
            f"The cases are already linked the other way round ({inverse.label.lower()})",
            code="relationship_contradicts",
            field="relationship_type",
        )

    description = (description or "").strip()
    forward = CaseRelationship(
        case_id=case_id,
        related_case_id=related_case_id,
        relationship_type=kind,
        description=description,
        created_by=actor,
    )
    backward = CaseRelationship(
        case_id=related_case_id,
        related_case_id=case_id,
        relationship_type=inverse,
        description=description,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            forward.save(force_insert=True)
            backward.save(force_insert=True)
    except IntegrityError as exc:
        # The unique constraint decides when a writer got past the check without the lock (another front door).
        raise Conflict(
            "These cases are already linked this way", code="relationship_exists", field="relationship_type"
        ) from exc

    for link in (forward, backward):
        record_event(
            actor=actor,
            verb="case.relationship_added",
            target=cases[link.case_id],
            data={
                "relationship_id": str(link.pk),
                "relationship_type": link.relationship_type,
                "related_case_id": str(link.related_case_id),
                "related_case_number": cases[link.related_case_id].case_number,
            },
        )
    return forward


@transaction.atomic
def remove_relationship(*, actor: User, case_id: UUID, relationship_id: UUID) -> None:
    """Unlink two cases: the link and its inverse on the other case are deleted together."""
    link = CaseRelationship.objects.filter(pk=relationship_id, case_id=case_id).first()
    if link is None:
        raise NotFound("Relationship not found", field="relationship_id")
    cases = _lock_cases(link.case_id, link.related_case_id)
    deleted, _ = CaseRelationship.objects.filter(
        Q(pk=link.pk)
        | Q(case_id=link.related_case_id, related_case_id=link.case_id, relationship_type=link.inverse_type)
    ).delete()
    if not deleted:  # removed by someone else while we waited for the lock
        raise NotFound("Relationship not found", field="relationship_id")
    for this, other, kind in (
        (link.case_id, link.related_case_id, link.relationship_type),
        (link.related_case_id, link.case_id, link.inverse_type),
    ):
        record_event(
            actor=actor,
            verb="case.relationship_removed",
            target=cases[this],
            data={
                "relationship_type": kind,
                "related_case_id": str(other),
                "related_case_number": cases[other].case_number,
            },
        )


# --- services ------------------------------------------------------------------------------------------------


def _minutes_between(start: dt.time, end: dt.time) -> int:
    day = dt.date.min
    return int((dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).total_seconds() // 60)


def _settle_service(service: CaseService, *, derive_duration: bool) -> None:
    """Check the rules that span fields and fill in what follows from them (duration, cost to the cent)."""
    service.service_name = _required_text(service.service_name, "service_name")
    service.service_type = _choice(service.service_type, ServiceType, "service_type")
    service.status = _choice(service.status, ServiceStatus, "status")
    if service.service_date is None:
        raise ValidationFailed("A service has a date", code="required", field="service_date")
    service.service_provider = (service.service_provider or "").strip()
    service.outcome = service.outcome or ""
    service.notes = service.notes or ""
    for field in ("start_time", "end_time"):
        value = getattr(service, field)
        if value is not None and value.tzinfo is not None:
            raise ValidationFailed("A time of day without a UTC offset is expected", field=field)
    if service.start_time is not None and service.end_time is not None:
        if service.end_time <= service.start_time:
            raise ValidationFailed(
                "The end time must be after the start time", code="end_before_start", field="end_time"
            )
        span = _minutes_between(service.start_time, service.end_time)
        if derive_duration or service.duration_minutes is None:
            service.duration_minutes = span
        elif service.duration_minutes > span:
            raise ValidationFailed(
                f"The duration is longer than the time from start to end ({span} minutes)",
                code="duration_exceeds_span",
                field="duration_minutes",
            )
    if service.duration_minutes is not None and service.duration_minutes < 0:
        raise ValidationFailed("Must not be negative", field="duration_minutes")
    if service.cost is not None:
        cost = Decimal(service.cost)
        if not cost.is_finite() or cost < 0:
            raise ValidationFailed("A cost is zero or more", code="negative_cost", field="cost")
        if cost != cost.quantize(CENT) or cost > MAX_COST:
            raise ValidationFailed(
                "A cost has at most 8 digits before and 2 after the decimal point", field="cost"
            )
        service.cost = cost.quantize(CENT)
    currency = (service.currency or "").strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise ValidationFailed("A currency is a three-letter ISO 4217 code", field="currency")
    service.currency = currency


@transaction.atomic
def add_service(
    *,
    actor: User,
    case_id: UUID,
    service_name: str,
    service_date: dt.date,
    service_type: str = ServiceType.OTHER,
    service_provider: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    duration_minutes: int | None = None,
    status: str = ServiceStatus.SCHEDULED,
    outcome: str = "",
    cost: Decimal | None = None,
    currency: str = "USD",
    notes: str = "",
) -> CaseService:
    """Record a service delivered or scheduled for a case.

    The end time is after the start time (422 end_before_start); without a duration, the minutes from start to
    end are taken, and a given duration may not exceed them (422 duration_exceeds_span). The cost is kept to
    the cent and is never negative.
    """
    case = _case(case_id)
    service = CaseService(
        case=case,
        service_name=service_name,
        service_type=service_type,
        service_provider=service_provider,
        service_date=service_date,
        start_time=start_time,
        end_time=end_time,
        duration_minutes=duration_minutes,
        status=status,
        outcome=outcome,
        cost=cost,
        currency=currency,
        notes=notes,
        created_by=actor,
    )
    _settle_service(service, derive_duration=duration_minutes is None)
    service.save(force_insert=True)
    record_event(
        actor=actor,
        verb="case.service_added",
        target=case,
        data={"service_id": str(service.pk), "service_name": service.service_name, "status": service.status},
    )
    return service


@transaction.atomic
def update_service(
    service_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int | None = None
) -> CaseService:
    """Change the fields given. With `expected_version`, a service changed since is refused (409).

    When a time changes and no duration is given with it, the duration is derived again from start and end.
    """
    service = lock_for_write(CaseService.objects.all(), service_id, expected_version=expected_version)
    unknown = set(changes) - SERVICE_FIELDS
    if unknown:
        raise ValidationFailed("Field cannot be changed here", field=sorted(unknown)[0])
    before = {name: getattr(service, name) for name in SERVICE_FIELDS}
    for name, value in changes.items():
        setattr(service, name, value)
    _settle_service(
        service,
        derive_duration=("start_time" in changes or "end_time" in changes)
        and "duration_minutes" not in changes,
    )
    changed = sorted(name for name in SERVICE_FIELDS if getattr(service, name) != before[name])
    if not changed:
        return service
    service.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    service.save(update_fields=[*changed, "row_version", "updated_at"])
    record_event(
        actor=actor,
        verb="case.service_updated",
        target=_case(service.case_id),
        data={"service_id": str(service.pk), "fields": changed},
    )
    return service


@transaction.atomic
def remove_service(service_id: UUID, *, actor: User) -> None:
    """Delete a service record; the audit event keeps its name and date."""
    service = lock_for_write(CaseService.objects.all(), service_id)
    record_event(
        actor=actor,
        verb="case.service_removed",
        target=_case(service.case_id),
        data={
            "service_id": str(service.pk),
            "service_name": service.service_name,
            "service_date": service.service_date.isoformat(),
        },
    )
    service.delete()


# --- milestones ----------------------------------------------------------------------------------------------


def _completion_date(
    *, is_completed: bool, given: dt.date | None, current: dt.date | None, today: dt.date
) -> dt.date | None:
    """The completion date a milestone ends up with: today (or the date given) when it is completed, the date
    it already had when it stays completed, none when it is open."""
    if not is_completed:
        if given is not None:
            raise ValidationFailed(
                "Only a completed milestone has a completion date",
                code="not_completed",
                field="completed_date",
            )
        return None
    date = given or current or today
    if date > today:
        raise ValidationFailed(
            "A milestone cannot be completed in the future", code="date_in_future", field="completed_date"
        )
    return date


@transaction.atomic
def add_milestone(
    *,
    actor: User,
    case_id: UUID,
    milestone_name: str,
    description: str = "",
    due_date: dt.date | None = None,
    is_completed: bool = False,
    completed_date: dt.date | None = None,
    sort_order: int | None = None,
) -> CaseMilestone:
    """Add a milestone to a case's plan, by default after the last one.

    A completed milestone gets today as its completion date unless one is given (not in the future).
    """
    case = _locked_case(case_id)  # serializes with reordering, so a reorder always sees every milestone
    if sort_order is None:
        last = CaseMilestone.objects.filter(case=case).aggregate(last=Max("sort_order"))["last"]
        sort_order = 0 if last is None else last + 1
    elif sort_order < 0:
        raise ValidationFailed("Must not be negative", field="sort_order")
    milestone = CaseMilestone(
        case=case,
        milestone_name=_required_text(milestone_name, "milestone_name"),
        description=description or "",
        due_date=due_date,
        is_completed=is_completed,
        completed_date=_completion_date(
            is_completed=is_completed, given=completed_date, current=None, today=timezone.localdate()
        ),
        sort_order=sort_order,
        created_by=actor,
    )
    milestone.save(force_insert=True)
    record_event(
        actor=actor,
        verb="case.milestone_added",
        target=case,
        data={"milestone_id": str(milestone.pk), "milestone_name": milestone.milestone_name},
    )
    return milestone


@transaction.atomic
def update_milestone(
    milestone_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int | None = None
) -> CaseMilestone:
    """Change the fields given. Completing sets the completion date (today unless given), re-opening clears it.
    With `expected_version`, a milestone changed since is refused (409)."""
    milestone = lock_for_write(CaseMilestone.objects.all(), milestone_id, expected_version=expected_version)
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise ValidationFailed("Field cannot be changed here", field=sorted(unknown)[0])
    changes = dict(changes)
    if "milestone_name" in changes:
        changes["milestone_name"] = _required_text(changes["milestone_name"], "milestone_name")
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    was_completed = milestone.is_completed
    is_completed = changes.get("is_completed", was_completed)
    changes["is_completed"] = is_completed
    changes["completed_date"] = _completion_date(
        is_completed=is_completed,
        given=changes.get("completed_date"),
        current=milestone.completed_date,
        today=timezone.localdate(),
    )
    changed = apply_changes(milestone, changes)
    if not changed:
        return milestone
    milestone.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    milestone.save(update_fields=[*changed, "row_version", "updated_at"])
    if is_completed and not was_completed:
        verb = "case.milestone_completed"
    elif was_completed and not is_completed:
        verb = "case.milestone_reopened"
    else:
        verb = "case.milestone_updated"
    record_event(
        actor=actor,
        verb=verb,
        target=_case(milestone.case_id),
        data={"milestone_id": str(milestone.pk), "fields": sorted(changed)},
    )
    return milestone


@transaction.atomic
def remove_milestone(milestone_id: UUID, *, actor: User) -> None:
    """Delete a milestone; the others keep their order."""
    milestone = lock_for_write(CaseMilestone.objects.all(), milestone_id)
    record_event(
        actor=actor,
        verb="case.milestone_removed",
        target=_case(milestone.case_id),
        data={"milestone_id": str(milestone.pk), "milestone_name": milestone.milestone_name},
    )
    milestone.delete()


@transaction.atomic
def reorder_milestones(*, actor: User, case_id: UUID, ordered_ids: list[UUID]) -> list[CaseMilestone]:
    """Put a case's milestones in the given order, all or nothing.

    `ordered_ids` names every milestone of the case exactly once (else 422 duplicate_id, unknown_id or
    incomplete_order). The case and its milestones stay locked until the new order is written. The position
    is not an edit of a milestone's content, so `row_version` stays as it is.
    """
    case = _locked_case(case_id)
    milestones = {m.pk: m for m in CaseMilestone.objects.select_for_update().filter(case=case)}
    duplicates = sorted(str(pk) for pk, n in Counter(ordered_ids).items() if n > 1)
    if duplicates:
        raise ValidationFailed(
            "Each milestone may appear only once", code="duplicate_id", field="orderedIds", ids=duplicates
        )
    unknown = sorted(str(pk) for pk in ordered_ids if pk not in milestones)
    if unknown:
        raise ValidationFailed(
            "Not a milestone of this case", code="unknown_id", field="orderedIds", ids=unknown
        )
    missing = sorted(str(pk) for pk in milestones.keys() - set(ordered_ids))
    if missing:
        raise ValidationFailed(
            "Every milestone of the case must be named",
            code="incomplete_order",
            field="orderedIds",
            ids=missing,
        )
    now = timezone.now()
    moved = []
    for position, pk in enumerate(ordered_ids):
        milestone = milestones[pk]
        if milestone.sort_order != position:
            milestone.sort_order = position
            milestone.updated_at = now
            moved.append(milestone)
    CaseMilestone.objects.bulk_update(moved, ["sort_order", "updated_at"])
    record_event(
        actor=actor,
        verb="case.milestones_reordered",
        target=case,
        data={"ordered_ids": [str(pk) for pk in ordered_ids]},
    )
    return [milestones[pk] for pk in ordered_ids]
