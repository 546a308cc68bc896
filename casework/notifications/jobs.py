"""The list of scheduled jobs `casework run_scheduled` (or the `run_scheduled_jobs` task) runs in order."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings

from casework.notifications import delivery, scheduled


def recover_stale_work() -> dict[str, int]:
    """Tasks of dead workers back to the queue (database backend), and deliveries overdue re-enqueued."""
    recovered = 0
    if settings.TASKS_BACKEND == "db":
        from casework.ops.workers import recover_stale_tasks

        recovered = recover_stale_tasks()
    return {"tasks_requeued": recovered, "deliveries_requeued": delivery.requeue_stale_deliveries()}


def jobs(today: dt.date | None) -> dict[str, Callable[[], Any]]:
    return {
        "recover": recover_stale_work,
        "reminders": lambda: scheduled.send_due_date_reminders(today=today),
        "summary": lambda: scheduled.send_weekly_summaries(today=today),
        "cleanup": scheduled.clean_up_notifications,
    }


JOB_NAMES = ["recover", "reminders", "summary", "cleanup"]


def run_all(*, today: dt.date | None = None, only: list[str] | None = None) -> dict[str, Any]:
    return {name: job() for name, job in jobs(today).items() if not only or name in only}
