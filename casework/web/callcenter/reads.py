"""Reads the call center screens need beyond the domain querysets: the queue's progress, the operator's
current record, and the citizens waiting for a 106 case. No writes."""

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from casework.callcenter import conf
from casework.callcenter.models import CallcenterCase, CitizenRecord, CitizenStatus


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
    return (
        CitizenRecord.objects.filtered(
            status=CitizenStatus.PENDING, has_case=False, min_appearance_count=conf.appearance_threshold()
        )
        .filter(is_answered_the_call=False, is_dead=False, is_left_the_city=False)
        .order_by("last_updated_at", "id")
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
