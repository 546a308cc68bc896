"""Background workers that can die without losing work.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a task whose worker was
killed (SIGKILL, OOM, a lost machine) would stay RUNNING for ever. So every `casework worker` writes a heartbeat row
every few seconds, and `recover_stale_tasks` (run at worker start, periodically by every worker, and by
`casework run_scheduled`) puts back to READY the RUNNING tasks whose worker's heartbeat is older than
CASEWORK_WORKER_STALE_SECONDS. A task can therefore run more than once; Casework's tasks are idempotent.

Every worker, with either task backend (django-tasks-db or RQ), runs the scheduler's whole recovery
(`scheduler.recover_stale_work`: these tasks, and the deliveries that apps keep in their own tables) at start and
on each heartbeat, and nothing else of `run_scheduled` (no reminders, no summaries). RQ moves the job of a dead
worker to its failed registry and never runs it again, so in RQ mode that recovery is what sends the delivery.
"""

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from casework.ops.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.WORKER_STALE_SECONDS)


def beat(worker_id: str) -> None:
    """Record that `worker_id` is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "last_seen": now,
            "started_at": now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def recover_stale_tasks() -> int:
    """Queue again the RUNNING tasks whose worker stopped beating; returns how many.

    A task is only taken back when its claim is older than the stale timeout too, so a worker that has just
    claimed a task and not yet written its first heartbeat keeps it.
    """
    cutoff = timezone.now() - stale_after()
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))
    recovered = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = (
            DBTaskResult.objects.running().filter(started_at__lt=cutoff).select_for_update(skip_locked=True)
        )
        for result in running:
            owner = result.worker_ids[-1] if result.worker_ids else None
            if owner in alive:
                continue
            logger.warning(
                "re-queueing task %s (%s): its worker %s stopped", result.id, result.task_path, owner
            )
            result.status = "READY"
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            recovered += 1
    WorkerHeartbeat.objects.filter(last_seen__lt=timezone.now() - 10 * stale_after()).delete()
    return recovered


class Heartbeat(threading.Thread):
    """A daemon thread that beats for one worker and, every beat, runs `recover` (the scheduler's recovery of the
    work of dead workers: their tasks and the deliveries they were sending), until stopped."""

    def __init__(self, worker_id: str, *, recover: Callable[[], object]):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.recover = recover
        self.stopping = threading.Event()
        self.interval = max(settings.WORKER_STALE_SECONDS / 4, 0.5)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
                self.recover()
            except Exception:  # the database may be briefly unreachable; the next beat tries again
                logger.exception("worker heartbeat failed")
            self.stopping.wait(self.interval)
        connection.close()

    def stop(self) -> None:
        self.stopping.set()


def forget(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    with transaction.atomic():
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
