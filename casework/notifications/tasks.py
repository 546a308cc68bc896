"""Background work of notifications (Tasks framework): deliveries and the scheduled jobs."""

import datetime as dt
from typing import Any

from django_tasks import task

from casework.notifications import delivery, scheduled


@task()
def deliver(delivery_id: str) -> str:
    """Send one e-mail or webhook call; idempotent, retried with backoff by re-enqueueing itself."""
    return delivery.deliver(delivery_id)


@task()
def send_due_date_reminders(today: str | None = None) -> dict[str, int]:
    return scheduled.send_due_date_reminders(today=dt.date.fromisoformat(today) if today else None)


@task()
def send_weekly_summaries(today: str | None = None) -> int:
    return scheduled.send_weekly_summaries(today=dt.date.fromisoformat(today) if today else None)


@task()
def clean_up_notifications() -> int:
    return scheduled.clean_up_notifications()


@task()
def run_scheduled_jobs(today: str | None = None) -> dict[str, Any]:
    """Everything `casework run_scheduled` does, as one task (for a scheduler that enqueues tasks)."""
    from casework.notifications.jobs import run_all

    return run_all(today=dt.date.fromisoformat(today) if today else None)
