"""Background work of operations (Tasks framework): the scheduled jobs as one task."""

import datetime as dt
from typing import Any

from django_tasks import task

from casework.ops import scheduler


@task()
def run_scheduled_jobs(today: str | None = None) -> dict[str, Any]:
    """Everything `casework run_scheduled` does, as one task (for a scheduler that enqueues tasks)."""
    return scheduler.run_all(today=dt.date.fromisoformat(today) if today else None)
