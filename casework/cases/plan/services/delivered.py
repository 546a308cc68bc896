"""Services delivered (or scheduled) for a case: recorded, changed and removed, each write audited on the case.

"Delivered service" is the domain's record (a counseling session, legal advice, a payment); the API and UI call
it a service.
"""

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases.plan import errors
from casework.cases.plan.models import (
    DeliveredService,
    DeliveredServiceStatus,
    DeliveredServiceType,
)
from casework.cases.plan.services.cases import audited_case
from casework.cases.plan.services.values import choice, required_text
from casework.core.concurrency import lock_for_write
from casework.core.errors import FIELD_NOT_CHANGEABLE, MUST_NOT_BE_NEGATIVE

DELIVERED_SERVICE_FIELDS = {
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
CENT = Decimal("0.01")
MAX_COST = Decimal("99999999.99")  # DECIMAL(10, 2)


def _minutes_between(start: dt.time, end: dt.time) -> int:
    day = dt.date.min
    return int((dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).total_seconds() // 60)


def _settle_delivered_service(delivered: DeliveredService, *, derive_duration: bool) -> None:
    """Check the rules that span fields and fill in what follows from them (duration, cost to the cent)."""
    delivered.service_name = required_text(delivered.service_name, "service_name")
    delivered.service_type = choice(delivered.service_type, DeliveredServiceType, "service_type")
    delivered.status = choice(delivered.status, DeliveredServiceStatus, "status")
    if delivered.service_date is None:
        raise errors.SERVICE_DATE_REQUIRED()
    delivered.service_provider = (delivered.service_provider or "").strip()
    delivered.outcome = delivered.outcome or ""
    delivered.notes = delivered.notes or ""
    for field in ("start_time", "end_time"):
        value = getattr(delivered, field)
        if value is not None and value.tzinfo is not None:
            raise errors.TIME_WITH_OFFSET(field=field)
    if delivered.start_time is not None and delivered.end_time is not None:
        if delivered.end_time <= delivered.start_time:
            raise errors.END_BEFORE_START()
        span = _minutes_between(delivered.start_time, delivered.end_time)
        if derive_duration or delivered.duration_minutes is None:
            delivered.duration_minutes = span
        elif delivered.duration_minutes > span:
            raise errors.DURATION_EXCEEDS_SPAN(span=span)
    if delivered.duration_minutes is not None and delivered.duration_minutes < 0:
        raise MUST_NOT_BE_NEGATIVE(field="duration_minutes")
    if delivered.cost is not None:
        cost = Decimal(delivered.cost)
        if not cost.is_finite() or cost < 0:
            raise errors.NEGATIVE_COST()
        if cost != cost.quantize(CENT) or cost > MAX_COST:
            raise errors.COST_TOO_PRECISE()
        delivered.cost = cost.quantize(CENT)
    currency = (delivered.currency or "").strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise errors.INVALID_CURRENCY()
    delivered.currency = currency


@transaction.atomic
def add_delivered_service(
    *,
    actor: User,
    case_id: UUID,
    service_name: str,
    service_date: dt.date,
    service_type: str = DeliveredServiceType.OTHER,
    service_provider: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    duration_minutes: int | None = None,
    status: str = DeliveredServiceStatus.SCHEDULED,
    outcome: str = "",
    cost: Decimal | None = None,
    currency: str = "USD",
    notes: str = "",
) -> DeliveredService:
    """Record a service delivered or scheduled for a case.

    The end time is after the start time (422 end_before_start); without a duration, the minutes from start to
    end are taken, and a given duration may not exceed them (422 duration_exceeds_span). The cost is kept to
    the cent and is never negative.
    """
    case = audited_case(case_id)
    delivered = DeliveredService(
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
    _settle_delivered_service(delivered, derive_duration=duration_minutes is None)
    delivered.save(force_insert=True)
    record_event(
        actor=actor,
        verb="case.service_added",
        target=case,
        data={
            "service_id": str(delivered.pk),
            "service_name": delivered.service_name,
            "status": delivered.status,
        },
    )
    return delivered


@transaction.atomic
def update_delivered_service(
    delivered_service_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int | None = None
) -> DeliveredService:
    """Change the fields given. With `expected_version`, a service changed since is refused (409).

    When a time changes and no duration is given with it, the duration is derived again from start and end.
    """
    delivered = lock_for_write(
        DeliveredService.objects.all(), delivered_service_id, expected_version=expected_version
    )
    unknown = set(changes) - DELIVERED_SERVICE_FIELDS
    if unknown:
        raise FIELD_NOT_CHANGEABLE(field=sorted(unknown)[0])
    before = {name: getattr(delivered, name) for name in DELIVERED_SERVICE_FIELDS}
    for name, value in changes.items():
        setattr(delivered, name, value)
    _settle_delivered_service(
        delivered,
        derive_duration=("start_time" in changes or "end_time" in changes)
        and "duration_minutes" not in changes,
    )
    changed = sorted(name for name in DELIVERED_SERVICE_FIELDS if getattr(delivered, name) != before[name])
    if not changed:
        return delivered
    delivered.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    delivered.save(update_fields=[*changed, "row_version", "updated_at"])
    record_event(
        actor=actor,
        verb="case.service_updated",
        target=audited_case(delivered.case_id),
        data={"service_id": str(delivered.pk), "fields": changed},
    )
    return delivered


@transaction.atomic
def remove_delivered_service(delivered_service_id: UUID, *, actor: User) -> None:
    """Delete a service record; the audit event keeps its name and date."""
    delivered = lock_for_write(DeliveredService.objects.all(), delivered_service_id)
    record_event(
        actor=actor,
        verb="case.service_removed",
        target=audited_case(delivered.case_id),
        data={
            "service_id": str(delivered.pk),
            "service_name": delivered.service_name,
            "service_date": delivered.service_date.isoformat(),
        },
    )
    delivered.delete()
