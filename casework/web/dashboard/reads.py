"""Reads of the dashboard that the domain querysets do not offer (yet): each a named function, no writes.

Candidates for `casework.cases.querysets` once another front door needs them too.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from casework.accounts.models import User
from casework.cases.models import Case
from casework.cases.querysets import CaseQuerySet
from casework.notifications.models import Notification
from casework.web.shell.weeks import week_end, week_start

DASHBOARD_LIST_SIZE = 8


def opened_closed_by_week(cases: CaseQuerySet, *, today: dt.date, weeks: int = 12) -> list[dict[str, Any]]:
    """Cases taken in and cases closed per calendar week (Monday first), the last `weeks` weeks, oldest first.

    Two grouped queries; weeks follow the active time zone.
    """
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    since = timezone.make_aware(dt.datetime.combine(first, dt.time.min))

    def per_week(field: str) -> dict[dt.date, int]:
        rows = (
            cases.order_by()
            .filter(**{f"{field}__gte": since})
            .annotate(week=TruncWeek(field))
            .values("week")
            .annotate(n=Count("pk"))
        )
        counts: dict[dt.date, int] = {}
        for row in rows:
            week = row["week"]
            day = timezone.localtime(week).date() if isinstance(week, dt.datetime) else week
            counts[day] = counts.get(day, 0) + row["n"]
        return counts

    opened, closed = per_week("intake_date"), per_week("closed_date")
    return [
        {"week": day, "opened": opened.get(day, 0), "closed": closed.get(day, 0)}
        for day in (first + dt.timedelta(weeks=i) for i in range(weeks))
    ]


def my_open_cases(user: User) -> CaseQuerySet:
    return Case.objects.open().filtered(assigned_to=user.pk).for_list().sorted_by("due_date")


def due_this_week(today: dt.date) -> CaseQuerySet:
    return (
        Case.objects.open()
        .filter(due_date__gte=today, due_date__lte=week_end(today))
        .for_list()
        .sorted_by("due_date")
    )


def overdue(today: dt.date) -> CaseQuerySet:
    return Case.objects.open().filtered(due_before=today).for_list().sorted_by("due_date")


def unassigned_queue() -> CaseQuerySet:
    return Case.objects.open().filtered(unassigned=True).for_list().sorted_by("-priority")


def unread_notifications(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, is_read=False).order_by("-created_at")
