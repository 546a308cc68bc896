"""`casework run_scheduled`: the periodic jobs, for cron (every few minutes is right; reruns send nothing twice)."""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.ops import scheduler


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # The jobs are those the apps registered when Django started, so the text is made when it is shown.
        return f"Run the scheduled jobs: {scheduler.describe()}. Prints what each did as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        names = scheduler.job_names()
        parser.add_argument(
            "--only", default="", help=f"comma-separated jobs to run (default: all of {','.join(names)})"
        )
        parser.add_argument(
            "--today", default=None, help="the date to act as today, YYYY-MM-DD (default: today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = scheduler.job_names()
        only = [name.strip() for name in options["only"].split(",") if name.strip()]
        unknown = sorted(set(only) - set(names))
        if unknown:
            raise CommandError(f"Unknown job(s) {', '.join(unknown)}; known jobs: {', '.join(names)}")
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today must be a date YYYY-MM-DD, got {options['today']!r}") from error
        results = scheduler.run_all(today=today, only=only or None)
        self.stdout.write(json.dumps(results, sort_keys=True))
