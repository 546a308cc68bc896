"""Scheduled notification jobs, driven by what the database says today, not by timers in a process.

Each job can run any number of times a day (from cron through `casework run_scheduled`, or as a task): the
idempotency key of each reminder names the day or due date it is for, so a rerun sends nothing new.
"""

import datetime as dt
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.cases.models import FINISHED_STATUS_TYPES, Case
from casework.core.permissions import can
from casework.notifications.models import Notification
from casework.notifications.services import notify_once

# Who gets the weekly summary: whoever may assign cases (managers and admins in the seeded roles).
SUMMARY_PERMISSION = "cases.assign"


def send_due_date_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind each assignee of their open cases that are overdue (once a day) or due within
    CASEWORK_REMINDER_DUE_SOON_DAYS (once per due date). Returns how many of each were sent."""
    today = today or timezone.localdate()
    soon_until = today + timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    cases = (
        Case.objects.open()
        .filter(due_date__isnull=False, assigned_to__isnull=False, assigned_to__is_active=True)
        .select_related("assigned_to")
        .order_by("due_date", "pk")
    )
    sent = {"overdue": 0, "due_soon": 0}
    for case in cases.filter(due_date__lt=today).iterator(chunk_size=500):
        with transaction.atomic():
            _, created = notify_once(
                recipient=case.assigned_to,
                kind="case.overdue",
                title=f"{case.case_number} is overdue (due {case.due_date.isoformat()})",
                body=case.title,
                target=case,
                data={"case_number": case.case_number, "due_date": case.due_date.isoformat()},
                event_key=f"case.overdue:{case.pk}:{today.isoformat()}",
            )
            sent["overdue"] += created
    for case in cases.filter(due_date__gte=today, due_date__lte=soon_until).iterator(chunk_size=500):
        with transaction.atomic():
            _, created = notify_once(
                recipient=case.assigned_to,
                kind="case.due_soon",
                title=f"{case.case_number} is due on {case.due_date.isoformat()}",
                body=case.title,
                target=case,
                data={"case_number": case.case_number, "due_date": case.due_date.isoformat()},
                event_key=f"case.due_soon:{case.pk}:{case.due_date.isoformat()}",
            )
            sent["due_soon"] += created
    return sent


def send_weekly_summaries(*, today: dt.date | None = None) -> int:
    """Send each manager the state of the caseload, once per ISO week. Returns how many were sent."""
    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    week_ago = timezone.now() - timedelta(days=7)
    open_cases = Case.objects.open()
    figures = {
        "open": open_cases.count(),
        "overdue": open_cases.filter(due_date__lt=today).count(),
        "unassigned": open_cases.filter(assigned_to__isnull=True).count(),
        "opened_this_week": Case.objects.filter(created_at__gte=week_ago).count(),
        "closed_this_week": Case.objects.filter(
            status__status_type__in=FINISHED_STATUS_TYPES, closed_date__gte=week_ago
        ).count(),
    }
    body = (
        f"Open cases: {figures['open']} ({figures['overdue']} overdue, {figures['unassigned']} unassigned)\n"
        f"Opened in the last 7 days: {figures['opened_this_week']}\n"
        f"Closed in the last 7 days: {figures['closed_this_week']}\n"
    )
    sent = 0
    for user in User.objects.filter(is_active=True).select_related("role").order_by("pk"):
        if not can(user, SUMMARY_PERMISSION):
            continue
        with transaction.atomic():
            _, created = notify_once(
                recipient=user,
                kind="summary.weekly",
                title=f"Weekly summary, week {week} of {year}",
                body=body,
                data=figures,
                event_key=f"summary.weekly:{year}-W{week:02d}:{user.pk}",
            )
            sent += created
    return sent


def clean_up_notifications(*, days: int | None = None) -> int:
    """Delete read notifications older than CASEWORK_NOTIFICATION_RETENTION_DAYS (unread ones stay), and the
    finished task results of the database queue as old. Returns how many notifications were deleted."""
    days = settings.NOTIFICATION_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = Notification.objects.filter(is_read=True, created_at__lt=cutoff).delete()
    if settings.TASKS_BACKEND == "db":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
