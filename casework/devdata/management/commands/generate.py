"""`casework generate`: large, realistic, reproducible data for benchmarks (PostgreSQL COPY, SQLite batches).

    casework generate --scale full                 # 100 000 contacts, 1 000 000 cases, 5 000 000 notes
    casework generate --scale small                # 1 % of that
    casework generate --contacts 500 --cases 2000 --notes-per-case 4 --seed 7

Also writes staff in every role (password `--password`), outcome tags on about 10 % of the notes, document
metadata (no files), farms with Nature Check cases, and call-center citizens with and without 106 cases. The same
seed and `--as-of` day give the same rows; a second run with the same seed into the same database is refused.
Never run it against production: the staff password is published.
"""

import datetime as dt
import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.devdata.generate.load import as_of_default, generate
from casework.devdata.generate.plan import Plan

SCALES = {
    "full": {"contacts": 100_000, "cases": 1_000_000, "notes_per_case": 5},
    "small": {"contacts": 1_000, "cases": 10_000, "notes_per_case": 5},
}
DEFAULT_PASSWORD = "casework-bench-2026"


def staff_for(cases: int, farms: int, citizens: int) -> dict[str, int]:
    """Enough staff for the volume: about 25 000 cases per caseworker over five years."""
    return {
        "caseworker": max(4, cases // 25_000),
        "manager": max(1, cases // 200_000),
        "admin": 1,
        "viewer": 1,
        "consultant": max(3, farms // 150),
        "employee": max(2, farms // 2_000),
        "operator": max(2, citizens // 50_000),
    }


class Command(BaseCommand):
    help = (
        "Generate realistic benchmark data in bulk: contacts, cases with notes, outcome tags, document metadata, "
        "Nature Check farms and cases, call-center citizens. Reproducible with --seed. Not for production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), help="preset sizes (full: 1 000 000 cases)")
        parser.add_argument(
            "--contacts", type=int, help="number of contacts (default: the scale's, or 1 000)"
        )
        parser.add_argument("--cases", type=int, help="number of cases (default: the scale's, or 10 000)")
        parser.add_argument("--notes-per-case", type=int, help="average notes per case (default: 5)")
        parser.add_argument("--citizens", type=int, help="call-center citizens (default: 10 per contact)")
        parser.add_argument("--farms", type=int, help="Nature Check farms (default: 1 per 10 contacts)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            help="last day of the five years of history (default: today)",
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of the generated staff")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help="processes building cases and notes (default: the CPUs, at most 4); the rows are the same",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        sizes = dict(SCALES[options["scale"] or "small"])
        for key in ("contacts", "cases", "notes_per_case"):
            if options[key] is not None:
                sizes[key] = options[key]
        citizens = options["citizens"] if options["citizens"] is not None else sizes["contacts"] * 10
        farms = options["farms"] if options["farms"] is not None else sizes["contacts"] // 10
        if min(*sizes.values(), citizens, farms) < 0:
            raise CommandError("Counts cannot be negative")
        if sizes["cases"] and not sizes["contacts"]:
            raise CommandError("Cases need contacts: pass --contacts 1 or more")
        plan = Plan(
            contacts=sizes["contacts"],
            cases=sizes["cases"],
            notes_per_case=sizes["notes_per_case"],
            citizens=citizens,
            farms=farms,
            seed=options["seed"],
            as_of=options["as_of"] or as_of_default(),
            staff=staff_for(sizes["cases"], farms, citizens),
        )
        result = generate(
            plan,
            password=options["password"],
            stream=self.stderr,
            progress=not options["no_progress"],
            workers=options["workers"],
        )
        rows, seconds = result["rows"], result["seconds"]
        total = time.monotonic() - started
        case_seconds = seconds.get("cases + notes", 0) or 1e-9
        # cases/s is the whole command's wall time (setup, writing, indexes, VACUUM) per case; the cases + notes
        # phase alone is faster, and reported as such.
        self.stdout.write(
            f"Generated with seed {plan.seed} as of {plan.as_of} in {total:.1f} s: "
            f"{plan.cases / max(total, 1e-9):,.0f} cases/s overall ({plan.cases / case_seconds:,.0f} cases/s and "
            f"{rows.get('cases_casenote', 0) / case_seconds:,.0f} notes/s in the cases + notes phase):"
        )
        for table, count in rows.items():
            self.stdout.write(f"  {table:<36} {count:>11,}")
        self.stdout.write("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))
        self.stdout.write(
            f"Staff log in as <role><nnn>.s{plan.seed}@generated.casework.example / {options['password']}"
        )
