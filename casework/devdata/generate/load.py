"""Runs a generation plan: staff, contacts, cases with their timelines, Nature Check, the call center.

One transaction. On PostgreSQL, a large load drops the loaded tables' indexes and keys first and builds them again
at the end, in that transaction (`BulkLoadSchema`), and writes the case search rows in one statement after the
rows instead of a trigger call per case (`casework.cases.search`); the tables are vacuumed and analysed after the
commit (so index-only scans work).
"""

import datetime as dt
import multiprocessing
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import connection, transaction

from casework.accounts.models import Role, User
from casework.cases import search
from casework.cases.models import CaseStatus, CaseType
from casework.cases.numbering import raise_case_counters
from casework.contacts.models import Contact
from casework.core import derived
from casework.devdata.demo.outcomes import DEFINITIONS
from casework.devdata.generate.callcenter import citizen_rows
from casework.devdata.generate.columns import (
    CALLCENTER_CASE_COLUMNS,
    CASE_COLUMNS,
    CITIZEN_COLUMNS,
    CONTACT_COLUMNS,
    DOCUMENT_COLUMNS,
    FARM_COLUMNS,
    FARMER_COLUMNS,
    IMPACT_COLUMNS,
    NATURECHECK_COLUMNS,
    NOTE_COLUMNS,
    USER_COLUMNS,
)
from casework.devdata.generate.naturecheck import naturecheck_rows
from casework.devdata.generate.plan import CONTACT, Plan
from casework.devdata.generate.rows import RowBuilder
from casework.devdata.generate.sinks import BulkLoadSchema, Encoded, Progress, Sink
from casework.devdata.workflow import transition_graph
from casework.outcomes.models import OutcomeDefinition

GENERATED_TABLES = (
    "accounts_user", "contacts_contact", "cases_case", "cases_casenote", "outcomes_interactionoutcomeimpact",
    "documents_casedocument", "naturecheck_farmer", "naturecheck_farm", "naturecheck_naturecheckcase",
    "callcenter_citizenrecord", "callcenter_callcentercase", "cases_casenumbercounter",
)  # fmt: skip
# The tables loaded without their indexes and keys: all but the staff (small), the case number counters (their
# upsert needs the primary key) and the contacts (small; the case search trigger looks each case's contact up by
# primary key, a sequential scan per case without it).
BULK_TABLES = tuple(
    t for t in GENERATED_TABLES if t not in ("accounts_user", "cases_casenumbercounter", "contacts_contact")
)
# Filled after the load in one statement (`search.rebuild_search_rows`), its insert trigger off meanwhile; its
# index and key are dropped with the others and built after that fill, not before it.
SEARCH_TABLE = "cases_case_search"


def generate(
    plan: Plan, *, password: str, stream: Any, progress: bool = True, workers: int = 1
) -> dict[str, Any]:
    """Write the plan's rows; returns the row counts per table and the seconds each phase took.

    `workers` processes build the cases, notes, tags and documents (the bulk of the work) while this one writes
    them; the rows are the same whatever their number.
    """
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
        definitions = outcome_definitions()
        builder = RowBuilder(
            plan,
            statuses=statuses,
            graph=transition_graph(statuses),
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
        bulk = _bulk_load_schema(plan)
        search_schema = BulkLoadSchema((SEARCH_TABLE,))
        if bulk is not None:
            bulk.drop()
            sink.frozen = bulk.empty
            search_schema.drop()
            search.suspend_search_sync()
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
            numbers = raise_case_counters(counts)
            # Where the phase's time goes: writing (COPY, PostgreSQL parsing and storing the rows) and the rest
            # (building and encoding them, here or waited for from the workers).
            copying = 0.0
            for batch in _case_chunks(builder, numbers, sink, workers):
                copy_started = time.monotonic()
                sink.write_encoded("cases_case", CASE_COLUMNS, batch["cases"])
                sink.write_encoded("cases_casenote", NOTE_COLUMNS, batch["notes"])
                sink.write_encoded("outcomes_interactionoutcomeimpact", IMPACT_COLUMNS, batch["impacts"])
                sink.write_encoded("documents_casedocument", DOCUMENT_COLUMNS, batch["documents"])
                copying += time.monotonic() - copy_started
                bar.advance(batch["cases"].rows)
            timings["cases + notes: writing"] = copying

        phase("cases + notes", plan.cases, cases)

        def naturecheck(bar: Progress) -> None:
            rows = naturecheck_rows(builder)
            sink.write("naturecheck_farmer", FARMER_COLUMNS, rows["farmers"])
            sink.write("naturecheck_farm", FARM_COLUMNS, rows["farms"], bar)
            sink.write("naturecheck_naturecheckcase", NATURECHECK_COLUMNS, rows["cases"])

        phase("farms", plan.farms, naturecheck)

        def citizens(bar: Progress) -> None:
            first_citizen = _next_id("callcenter_citizenrecord")
            first_ticket = _next_id("callcenter_callcentercase")
            tickets: list[tuple] = []

            def rows():
                for citizen, ticket in citizen_rows(builder, first_citizen, first_ticket):
                    if ticket is not None:
                        tickets.append(ticket)
                    yield citizen

            sink.write("callcenter_citizenrecord", CITIZEN_COLUMNS, rows(), bar)
            sink.write("callcenter_callcentercase", CALLCENTER_CASE_COLUMNS, tickets)
            _reset_sequence("callcenter_citizenrecord")
            _reset_sequence("callcenter_callcentercase")

        phase("citizens", plan.citizens, citizens)

        if bulk is not None:
            restore_started = time.monotonic()
            bulk.restore()
            timings["indexes + keys"] = time.monotonic() - restore_started

        # -- Post-load rebuilds of derived data ----------------------------------------------------------------
        # The rows above bypass the services, so nothing else keeps the derived stores (tally, search rows,
        # report columns) in step with them: every registered store is rebuilt here, in the same transaction,
        # after the indexes and keys are back; the rows were only inserted, so each fills in what they lack.
        timings.update(derived.rebuild_all(only_missing=True))
        if bulk is not None:
            # The search table's key is back before its triggers' upsert meets anything that updates a case.
            restore_started = time.monotonic()
            search_schema.restore()
            search.resume_search_sync()
            timings["indexes + keys"] += time.monotonic() - restore_started

        commit_started = time.monotonic()
    timings["commit"] = time.monotonic() - commit_started

    # VACUUM cannot run inside a transaction (a caller's atomic block, a test): then autovacuum does it later.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        vacuum_started = time.monotonic()
        with connection.cursor() as cursor:
            for table in GENERATED_TABLES:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        timings["vacuum analyze"] = time.monotonic() - vacuum_started
    timings["total"] = time.monotonic() - started
    return {"rows": sink.counts, "seconds": timings}


# The builder and counters the worker processes read: set before they fork, so they inherit them.
_chunk_state: dict[str, Any] = {}


def _build_chunk(days: list[int]) -> dict[str, Encoded]:
    builder, numbers, sink = _chunk_state["builder"], _chunk_state["numbers"], _chunk_state["sink"]
    return {table: sink.encode(rows) for table, rows in builder.case_chunk(days, numbers).items()}


def _case_chunks(
    builder: RowBuilder, numbers: dict[dt.date, int], sink: Sink, workers: int
) -> Iterator[dict[str, Encoded]]:
    """The encoded chunks of cases in day order, built here or by `workers` forked processes."""
    _chunk_state.update(builder=builder, numbers=numbers, sink=sink)
    chunks = builder.case_chunks()
    try:
        if workers <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_build_chunk, chunks)
            return
        # Forked, the workers inherit the builder; they never touch the database connection (this process's).
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque[Any] = deque()
            for chunk in chunks:
                pending.append(pool.apply_async(_build_chunk, (chunk,)))
                if len(pending) > 2 * workers:  # a few chunks ahead: bounded memory
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        _chunk_state.clear()


def _bulk_load_schema(plan: Plan) -> BulkLoadSchema | None:
    """PostgreSQL, when the load at least doubles the cases: without indexes and keys while writing."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # Settings for this transaction only: COMMIT need not wait for the WAL flush (a crash loses the whole
        # load, never part of it), and index builds sort in memory.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'cases_case'::regclass")
        existing = cursor.fetchone()[0]
    return BulkLoadSchema(BULK_TABLES) if plan.cases >= existing else None


def outcome_definitions() -> dict[str, str]:
    """The demo's outcome definitions (added when missing): key → id as 32 hex digits."""
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
