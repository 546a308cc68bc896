"""Runs a generation plan: staff, contacts, cases with their timelines, Nature Check, the call center.

One transaction; PostgreSQL tables are analysed (and vacuumed, so index-only scans work) after the commit.
"""

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import connection, transaction

from casework.accounts.models import Role, User
from casework.cases.management.demo.generator import _raise_counters
from casework.cases.management.generate.rows import (
    CALLCENTER_CASE_COLUMNS,
    CASE_COLUMNS,
    CITIZEN_COLUMNS,
    CONTACT,
    CONTACT_COLUMNS,
    DOCUMENT_COLUMNS,
    FARM_COLUMNS,
    FARMER_COLUMNS,
    IMPACT_COLUMNS,
    NATURECHECK_COLUMNS,
    NOTE_COLUMNS,
    Plan,
    RowBuilder,
)
from casework.cases.management.generate.sinks import Progress, Sink
from casework.cases.models import CaseStatus, CaseType
from casework.contacts.models import Contact

USER_COLUMNS = (
    "id", "password", "last_login", "is_superuser", "email", "first_name", "last_name", "is_active", "is_staff",
    "token_version", "date_joined", "role_id",
)  # fmt: skip
GENERATED_TABLES = (
    "accounts_user", "contacts_contact", "cases_case", "cases_casenote", "outcomes_interactionoutcomeimpact",
    "documents_casedocument", "naturecheck_farmer", "naturecheck_farm", "naturecheck_naturecheckcase",
    "callcenter_citizenrecord", "callcenter_callcentercase", "cases_casenumbercounter",
)  # fmt: skip


def generate(plan: Plan, *, password: str, stream: Any, progress: bool = True) -> dict[str, Any]:
    """Write the plan's rows; returns the row counts per table and the seconds each phase took."""
    missing = set(plan.staff) - set(Role.objects.values_list("code", flat=True))
    if missing:
        raise CommandError(f"Unknown roles {sorted(missing)}: run `casework migrate` first")
    statuses = list(CaseStatus.objects.filter(is_active=True).order_by("sort_order", "name"))
    case_types = list(CaseType.objects.filter(is_active=True).order_by("sort_order", "name"))
    if not case_types or not any(s.status_type == "intake" for s in statuses):
        raise CommandError("No active case types or intake status: run `casework migrate` first")

    timings: dict[str, float] = {}
    started = time.monotonic()
    with transaction.atomic():
        sink = Sink()
        definitions = _outcome_definitions()
        builder = RowBuilder(
            plan,
            statuses=statuses,
            graph=_graph(statuses),
            case_types=case_types,
            definitions=definitions,
            timestamp_suffix=sink.timestamp_suffix,
        )
        if (
            User.objects.filter(email=builder.email_of(next(iter(plan.staff)), 0)).exists()
            or Contact.objects.filter(pk=builder.ids(CONTACT, 0)).exists()
        ):
            raise CommandError(
                f"Data generated with seed {plan.seed} is already in this database; use another --seed"
            )
        timings["setup"] = time.monotonic() - started

        def phase(name: str, total: int, work: Callable[[Progress], object]) -> None:
            bar = Progress(name, total, stream=stream, enabled=progress)
            work(bar)
            timings[name] = bar.close()

        # Salted with the seed, so the same seed writes the same bytes (the password is published anyway).
        password_hash = make_password(password, salt=f"casework{plan.seed:08d}")
        phase("staff", sum(plan.staff.values()),
              lambda bar: sink.write("accounts_user", USER_COLUMNS, builder.users(password_hash), bar))  # fmt: skip
        phase("contacts", plan.contacts,
              lambda bar: sink.write("contacts_contact", CONTACT_COLUMNS, builder.contacts(), bar))  # fmt: skip

        def cases(bar: Progress) -> None:
            counts = Counter(
                {builder.day_of(day): n for day, n in enumerate(builder.day_counts) if n and plan.contacts}
            )
            numbers = _raise_counters(counts)
            for batch in builder.case_batches(numbers):
                sink.write("cases_case", CASE_COLUMNS, batch["cases"])
                sink.write("cases_casenote", NOTE_COLUMNS, batch["notes"])
                sink.write("outcomes_interactionoutcomeimpact", IMPACT_COLUMNS, batch["impacts"])
                sink.write("documents_casedocument", DOCUMENT_COLUMNS, batch["documents"])
                bar.advance(len(batch["cases"]))

        phase("cases + notes", plan.cases, cases)

        def naturecheck(bar: Progress) -> None:
            rows = builder.naturecheck()
            sink.write("naturecheck_farmer", FARMER_COLUMNS, rows["farmers"])
            sink.write("naturecheck_farm", FARM_COLUMNS, rows["farms"], bar)
            sink.write("naturecheck_naturecheckcase", NATURECHECK_COLUMNS, rows["cases"])

        phase("farms", plan.farms, naturecheck)

        def citizens(bar: Progress) -> None:
            first_citizen = _next_id("callcenter_citizenrecord")
            first_ticket = _next_id("callcenter_callcentercase")
            tickets: list[tuple] = []

            def rows():
                for citizen, ticket in builder.citizens(first_citizen, first_ticket):
                    if ticket is not None:
                        tickets.append(ticket)
                    yield citizen

            sink.write("callcenter_citizenrecord", CITIZEN_COLUMNS, rows(), bar)
            sink.write("callcenter_callcentercase", CALLCENTER_CASE_COLUMNS, tickets)
            _reset_sequence("callcenter_citizenrecord")
            _reset_sequence("callcenter_callcentercase")

        phase("citizens", plan.citizens, citizens)

    # VACUUM cannot run inside a transaction (a caller's atomic block, a test): then autovacuum does it later.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        vacuum_started = time.monotonic()
        with connection.cursor() as cursor:
            for table in GENERATED_TABLES:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        timings["vacuum analyze"] = time.monotonic() - vacuum_started
    timings["total"] = time.monotonic() - started
    return {"rows": sink.counts, "seconds": timings}


def _graph(statuses: list[CaseStatus]) -> dict[Any, list[Any]]:
    active = {s.pk for s in statuses}
    position = {s.pk: i for i, s in enumerate(statuses)}
    graph: dict[Any, list[Any]] = {}
    for source, target in CaseStatus.can_transition_to.through.objects.order_by("pk").values_list(
        "from_casestatus_id", "to_casestatus_id"
    ):
        if source in active and target in active:
            graph.setdefault(source, []).append(target)
    for targets in graph.values():  # workflow order, so the same seed gives the same paths on every database
        targets.sort(key=position.__getitem__)
    return graph


def _outcome_definitions() -> dict[str, str]:
    """The demo's outcome definitions (added when missing): key → id as 32 hex digits."""
    from casework.outcomes.demo import DEFINITIONS
    from casework.outcomes.models import OutcomeDefinition

    existing = set(OutcomeDefinition.objects.values_list("key", flat=True))
    OutcomeDefinition.objects.bulk_create(
        OutcomeDefinition(key=key, name=name, description=description, category=category, sort_order=position)
        for position, (key, name, description, category) in enumerate(DEFINITIONS)
        if key not in existing
    )
    return {
        key: pk.hex
        for key, pk in OutcomeDefinition.objects.filter(is_active=True)
        .order_by("sort_order", "key")
        .values_list("key", "pk")
    }


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - constant table names
        return int(cursor.fetchone()[0])


def _reset_sequence(table: str) -> None:
    """Move the id sequence past the ids written explicitly (SQLite's AUTOINCREMENT follows by itself)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "  # noqa: S608
            f"FROM {table}"
        )


def as_of_default() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
