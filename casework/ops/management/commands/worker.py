"""`casework worker`: run background tasks (django-tasks-db's worker, or an RQ worker with CASEWORK_TASKS=rq)."""

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.crypto import get_random_string

logger = logging.getLogger("casework.worker")


class Command(BaseCommand):
    help = (
        "Run background tasks until stopped (SIGTERM or Ctrl-C finishes the current task first). With the "
        "database backend (the default) or CASEWORK_TASKS=rq (an RQ worker with its scheduler), it writes a "
        "heartbeat and, at start and on every beat, re-queues the work of workers that died (their tasks and the "
        "deliveries they were sending); it sends no reminders or summaries (that is `casework run_scheduled`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue", default="default", help="queues to work on, comma-separated (default: default)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls of an empty queue (default: 1)"
        )
        parser.add_argument("--batch", action="store_true", help="run the tasks that are due, then exit")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
        parser.add_argument(
            "--worker-id", default=None, help="a unique name for this worker (default: random)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["max_tasks"] is not None and options["max_tasks"] < 1:
            raise CommandError("--max-tasks must be at least 1")
        queues = [q.strip() for q in options["queue"].split(",") if q.strip()]
        if settings.TASKS_BACKEND == "rq":
            self.run_rq(queues, options)
        else:
            self.run_db(queues, options)

    def run_rq(self, queues: list[str], options: Any) -> None:
        # RQ moves the jobs of a dead worker to its failed registry; the deliveries they carried stay in the
        # database, and this worker's recovery (at start and on every heartbeat) enqueues them again.
        worker_id = options["worker_id"] or f"rq-{get_random_string(28)}"
        with self.recovering(worker_id, queues):
            call_command("rqworker", *queues, **self.rq_options(options))

    @staticmethod
    def rq_options(options: Any) -> dict[str, Any]:
        rq_options: dict[str, Any] = {"job_class": "django_tasks_rq.Job", "with_scheduler": True}
        if options["batch"]:
            rq_options["burst"] = True
        if options["max_tasks"]:
            rq_options["max_jobs"] = options["max_tasks"]
        if options["worker_id"]:
            rq_options["name"] = options["worker_id"]
        return rq_options

    @contextlib.contextmanager
    def recovering(self, worker_id: str, queues: list[str]) -> Iterator[None]:
        """Beat for `worker_id` and recover the work of dead workers (at start, then on every beat) while the
        block runs; remove the heartbeat when it ends."""
        from casework.ops import scheduler
        from casework.ops.workers import Heartbeat, beat, forget

        beat(worker_id)
        recovered = scheduler.recover_stale_work()
        logger.info(
            "worker %s started on queues %s (recovered: %s)",
            worker_id,
            ",".join(queues),
            ", ".join(f"{name} {count}" for name, count in recovered.items()),
            extra={"recovered": recovered},
        )
        heartbeat = Heartbeat(worker_id, recover=scheduler.recover_stale_work)
        heartbeat.start()
        try:
            yield
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)
            forget(worker_id)
            logger.info("worker %s stopped", worker_id)

    def run_db(self, queues: list[str], options: Any) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        worker_id = options["worker_id"] or get_random_string(32)
        with self.recovering(worker_id, queues):
            worker = Worker(
                queue_names=queues,
                interval=options["interval"],
                batch=options["batch"],
                backend_name="default",
                startup_delay=False,
                max_tasks=options["max_tasks"],
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            worker.configure_signals()
            worker.run()
