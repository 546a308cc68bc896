"""Background work of notifications (Tasks framework): sending deliveries, and the notification jobs as tasks.

The task layer decides what goes on the queue: a delivery is enqueued once the transaction that recorded it
commits, again when an attempt answers "retry at T" (deferred to T), and again when the sweep finds it overdue.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django_tasks import task

from casework.notifications import delivery
from casework.notifications.models import Delivery
from casework.ops import scheduler
from casework.ops.tasks import run_scheduled_jobs  # noqa: F401 - tasks queued under its former path still run

logger = logging.getLogger(__name__)


@task()
def deliver(delivery_id: str) -> str:
    """Send one e-mail or webhook call; idempotent. A failed attempt that may be retried enqueues this task
    again, deferred to when the delivery is due. Returns the delivery's status afterwards."""
    outcome = delivery.attempt_delivery(delivery_id)
    if outcome.retry_at is not None:
        enqueue_delivery(delivery_id, run_after=outcome.retry_at)
    return outcome.status


def enqueue_delivery(delivery_id: Any, *, run_after: datetime | None = None) -> None:
    """Hand one delivery to the task queue. A failure here loses nothing: the row stays pending for the sweep."""
    sender = deliver.using(run_after=run_after) if run_after is not None else deliver
    try:
        sender.enqueue(str(delivery_id))
    except Exception:
        logger.exception("could not enqueue delivery %s; run_scheduled will retry", delivery_id)


def enqueue_on_commit(deliveries: Iterable[Delivery]) -> None:
    """Enqueue each delivery once the current transaction commits (never, if it rolls back)."""
    for recorded in deliveries:
        transaction.on_commit(partial(enqueue_delivery, recorded.pk), robust=True)


def requeue_stale_deliveries(*, grace: timedelta | None = None) -> int:
    """Enqueue again the deliveries that should have been sent by now; returns how many."""
    overdue = delivery.take_back_stale_deliveries(grace=grace)
    for delivery_id in overdue:
        enqueue_delivery(delivery_id)
    return len(overdue)


# The notification jobs one by one, for a scheduler that enqueues tasks. They run the jobs this app registers
# with the ops scheduler (apps.py): the jobs notify through services, which enqueue through this module.


def _day(today: str | None) -> dt.date | None:
    return dt.date.fromisoformat(today) if today else None


@task()
def send_due_date_reminders(today: str | None = None) -> dict[str, int]:
    return scheduler.run_job("reminders", today=_day(today))


@task()
def send_weekly_summaries(today: str | None = None) -> int:
    return scheduler.run_job("summary", today=_day(today))


@task()
def clean_up_notifications() -> int:
    return scheduler.run_job("cleanup")
