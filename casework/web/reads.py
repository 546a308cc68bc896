"""Reads the screens need that the domain querysets do not offer (yet): each a named function, no writes.

Candidates for `casework.cases.querysets` once another front door needs them too.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from casework.accounts.models import User
from casework.cases.models import FINISHED_STATUS_TYPES, Case
from casework.cases.querysets import CaseQuerySet
from casework.notifications.models import Notification

DASHBOARD_LIST_SIZE = 8


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_end(day: dt.date) -> dt.date:
    return week_start(day) + dt.timedelta(days=6)


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


def case_list(params: dict[str, Any], *, user: User, today: dt.date) -> CaseQuerySet:
    """The case list for the cleaned filters of the case list form (any key may be missing)."""
    assignee = params.get("assignee") or ""
    cases = Case.objects.filtered(
        case_type_id=_pk(params.get("case_type")),
        status_id=_pk(params.get("status")),
        priority=params.get("priority") or None,
        assigned_to=user.pk if assignee == "me" else (assignee if assignee not in ("", "none") else None),
        unassigned=True if assignee == "none" else None,
        assigned_team_id=_pk(params.get("team")),
        is_urgent=True if params.get("urgent") else None,
    )
    state = params.get("state") or ""
    if state == "open":
        cases = cases.open()
    elif state == "finished":
        cases = cases.filter(status__status_type__in=FINISHED_STATUS_TYPES)
    due = params.get("due") or ""
    if due == "overdue":
        cases = cases.open().filtered(due_before=today)
    elif due == "week":
        cases = cases.filter(due_date__gte=today, due_date__lte=week_end(today))
    elif due == "none":
        cases = cases.filter(due_date__isnull=True)
    return cases.search(params.get("q") or None).for_list().sorted_by(params.get("sort") or None)


def _pk(obj: Any) -> Any:
    return getattr(obj, "pk", None)
