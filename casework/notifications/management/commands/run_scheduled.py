"""`casework run_scheduled`: the periodic jobs, for cron (every few minutes is right; reruns send nothing twice)."""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.notifications.jobs import JOB_NAMES, run_all


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs: re-queue the work of dead workers and overdue deliveries (recover), due-date "
        "reminders to assignees (reminders), the weekly summary to managers (summary), and the retention "
        "clean-up of read notifications (cleanup). Prints what each did as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", default="", help=f"comma-separated jobs to run (default: all of {','.join(JOB_NAMES)})"
        )
        parser.add_argument(
            "--today", default=None, help="the date to act as today, YYYY-MM-DD (default: today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        only = [name.strip() for name in options["only"].split(",") if name.strip()]
        unknown = sorted(set(only) - set(JOB_NAMES))
        if unknown:
            raise CommandError(f"Unknown job(s) {', '.join(unknown)}; known jobs: {', '.join(JOB_NAMES)}")
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today must be a date YYYY-MM-DD, got {options['today']!r}") from error
        results = run_all(today=today, only=only or None)
        self.stdout.write(json.dumps(results, sort_keys=True))
