"""Reads the call center screens need beyond the domain querysets: the queue's progress, the operator's
current record, and the citizens waiting for a 106 case. No writes."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from casework.callcenter import conf
from casework.callcenter.models import CallcenterCase, CitizenRecord, CitizenStatus
from casework.callcenter.querysets import last_attempt_at


def progress() -> dict[str, int]:
    """How far the list is: citizens per status, 106 cases, and citizens waiting for one (two queries)."""
    counts = CitizenRecord.objects.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=CitizenStatus.PENDING)),
        in_progress=Count("pk", filter=Q(status=CitizenStatus.IN_PROGRESS)),
        updated=Count("pk", filter=Q(status=CitizenStatus.UPDATED)),
    )
    counts["cases"] = CallcenterCase.objects.count()
    counts["awaiting_106"] = awaiting_106_case().count()
    return counts


def awaiting_106_case() -> Any:
    """Citizens the queue no longer hands out because nobody answered their calls, and who have no 106 case:
    unanswered after the threshold number of appearances, back to Pending, not dead, not moved away."""
    return CitizenRecord.objects.awaiting_106_case(appearance_threshold=conf.appearance_threshold()).order_by(
        "last_updated_at", "id"
    )


def is_awaiting_106_case(citizen: CitizenRecord) -> bool:
    return awaiting_106_case().filter(pk=citizen.pk).exists()


def held_by(user: Any, *, now: dt.datetime) -> CitizenRecord | None:
    """The record the queue handed this operator whose lock is still running, if any."""
    return (
        CitizenRecord.objects.filter(status=CitizenStatus.IN_PROGRESS, locked_by=user, locked_until__gt=now)
        .order_by("-locked_until")
        .first()
    )


def attempts(citizen: CitizenRecord) -> list[dt.datetime]:
    """The times the record was handed out (the call attempts), oldest first."""
    stamps = (citizen.first_appearance_at, citizen.second_appearance_at, citizen.third_appearance_at)
    return [stamp for stamp in stamps if stamp is not None]


def next_attempt_at(citizen: CitizenRecord) -> dt.datetime | None:
    """When the queue may offer this citizen again after an unanswered attempt; None when they are not waiting
    for another attempt (answered, or out of the queue)."""
    if citizen.is_answered_the_call or citizen.status != CitizenStatus.PENDING:
        return None
    if citizen.appearance_count >= conf.appearance_threshold() or citizen.is_dead or citizen.is_left_the_city:
        return None
    last = last_attempt_at(citizen)
    return last + conf.retry_delay() if last is not None else None


def waiting_for_retry(*, now: dt.datetime) -> list[dict[str, Any]]:
    """Citizens the queue holds back for the retry delay, soonest first, each with when they are offered again."""
    citizens = CitizenRecord.objects.waiting_for_retry(
        appearance_threshold=conf.appearance_threshold(), retried_after=now - conf.retry_delay()
    )
    rows = [{"citizen": c, "next_attempt_at": next_attempt_at(c)} for c in citizens]
    return sorted((r for r in rows if r["next_attempt_at"]), key=lambda r: r["next_attempt_at"])
