"""`casework release_expired_locks`: for cron, every few minutes."""

from typing import Any

from django.core.management.base import BaseCommand

from casework.callcenter.tasks import release_expired_locks


class Command(BaseCommand):
    help = "Return citizen records whose operator lock has expired to Pending (through the task backend)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the task for the task worker instead of running it in this process.",
        )

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            result = release_expired_locks.enqueue()
            self.stdout.write(f"Enqueued release_expired_locks ({result.id}).")
            return
        released = release_expired_locks.call()
        self.stdout.write(f"Released {released} expired lock(s).")
