"""The scheduled jobs: what `casework run_scheduled` (or the `run_scheduled_jobs` task) runs, in order.

A job is driven by what the database says today, not by timers in a process, so it can run any number of times
a day (from cron every few minutes) and a rerun does nothing new. Each app registers its own jobs with
`register_job` in its AppConfig.ready(); ops imports no app above it.

The first job, `recover`, is the scheduler's own and runs before any other: it puts back on the queue the work
that died with a worker. Its parts are registered with `register_recovery` (the task queue's here; an app adds
what it keeps in its own tables, such as notifications' overdue deliveries), and it reports what each did.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from casework.ops import workers


@dataclass(frozen=True)
class ScheduledJob:
    """A named job: `run(today)` does it for the given day (None: today) and returns what it did, as JSON."""

    name: str
    run: Callable[[dt.date | None], Any]
    summary: str  # what it does, for `casework run_scheduled --help`: "due-date reminders to assignees"


@dataclass(frozen=True)
class Recovery:
    """A part of `recover`: puts back the work of dead workers in one store; returns how many items."""

    name: str
    run: Callable[[], int]
    summary: str  # what it puts back: "overdue deliveries"


RECOVER = "recover"
_jobs: dict[str, ScheduledJob] = {}
_recoveries: dict[str, Recovery] = {}


def register_job(name: str, run: Callable[[dt.date | None], Any], *, summary: str) -> None:
    """Add a job (after those registered before it); registering a name again replaces that job in place."""
    _jobs[name] = ScheduledJob(name=name, run=run, summary=summary)


def register_recovery(name: str, run: Callable[[], int], *, summary: str) -> None:
    """Add a part to `recover`; its count appears under `name` in the job's result."""
    _recoveries[name] = Recovery(name=name, run=run, summary=summary)


def jobs() -> list[ScheduledJob]:
    return list(_jobs.values())


def job_names() -> list[str]:
    return list(_jobs)


def run_job(name: str, *, today: dt.date | None = None) -> Any:
    return _jobs[name].run(today)


def run_all(*, today: dt.date | None = None, only: list[str] | None = None) -> dict[str, Any]:
    """Run every job (or those named in `only`) in order; returns what each did, by name."""
    return {job.name: job.run(today) for job in jobs() if not only or job.name in only}


def recover_stale_work() -> dict[str, int]:
    """Every registered recovery, in order; returns each one's count by name."""
    return {recovery.name: recovery.run() for recovery in _recoveries.values()}


def _recover_stale_tasks() -> int:
    # Only django-tasks-db leaves the task of a dead worker RUNNING; RQ moves it to its failed registry.
    return workers.recover_stale_tasks() if settings.TASKS_BACKEND == "db" else 0


def describe() -> str:
    """The jobs in order, each with what it does: "re-queue ... (recover), ... (reminders), and ... (cleanup)"."""
    # `recover` is told by its parts, which the apps registered after it.
    recover = "re-queue " + " and ".join(recovery.summary for recovery in _recoveries.values())
    parts = [f"{recover if job.name == RECOVER else job.summary} ({job.name})" for job in jobs()]
    return ", ".join([*parts[:-1], f"and {parts[-1]}"] if len(parts) > 1 else parts)


register_job(RECOVER, lambda today: recover_stale_work(), summary="re-queue the work of dead workers")
register_recovery("tasks_requeued", _recover_stale_tasks, summary="the work of dead workers")
