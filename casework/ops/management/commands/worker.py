"""`casework worker`: run background tasks (django-tasks-db's worker, or an RQ worker with CASEWORK_TASKS=rq)."""

import logging
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.crypto import get_random_string

logger = logging.getLogger("casework.worker")


class Command(BaseCommand):
    help = (
        "Run background tasks until stopped (SIGTERM or Ctrl-C finishes the current task first). With the "
        "database backend (the default) it writes a heartbeat and re-queues the tasks of workers that died; with "
        "CASEWORK_TASKS=rq it runs an RQ worker with its scheduler."
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
        # RQ moves the jobs of a dead worker to its failed registry; the deliveries they carried stay pending in
        # the database and `casework run_scheduled` enqueues them again.
        rq_options: dict[str, Any] = {"job_class": "django_tasks_rq.Job", "with_scheduler": True}
        if options["batch"]:
            rq_options["burst"] = True
        if options["max_tasks"]:
            rq_options["max_jobs"] = options["max_tasks"]
        if options["worker_id"]:
            rq_options["name"] = options["worker_id"]
        call_command("rqworker", *queues, **rq_options)

    def run_db(self, queues: list[str], options: Any) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        from casework.ops.workers import Heartbeat, beat, forget, recover_stale_tasks

        worker_id = options["worker_id"] or get_random_string(32)
        beat(worker_id)
        recovered = recover_stale_tasks()
        logger.info(
            "worker %s started on queues %s (%d stale tasks re-queued)",
            worker_id,
            ",".join(queues),
            recovered,
        )
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
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
        try:
            worker.run()
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)
            forget(worker_id)
            logger.info("worker %s stopped", worker_id)
