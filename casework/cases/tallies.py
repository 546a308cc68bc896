"""The case tally (`CaseTally`): case counts per combination of dimensions, kept exact by the case services.

The case services' one write path (`casework.cases.services._write`) takes a case's `share_of(case)` before
it inserts, changes or deletes the case and calls `record(before, share_of(case))` after it, in the same
transaction. `record` bumps the tally rows with an atomic upsert (`INSERT ... ON CONFLICT DO
UPDATE SET cases = cases + ...`), in key order, so writers of the same rows wait for each other instead of
deadlocking. Bulk loads bypass the services and call `rebuild()` afterwards.

Each combination of dimensions is counted in up to `SHARDS` rows, and a case's moves go to the shard its id
picks: writers of the same dimensions at once (every new case is "Intake, medium, nobody") then mostly lock
different rows instead of queueing for one until each commits. Every reader sums the shards (`summary`,
`count_cases`, `stored`); `rebuild` writes shard 0 only.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from casework.cases.models import Case, CaseStatus, CaseTally

SECOND = dt.timedelta(seconds=1)
SHARDS = 8
# Filters of the case list the tally can answer, by the name `CaseQuerySet.filtered` gives them.
TALLY_FILTERS = frozenset(
    {
        "case_type_id",
        "status_id",
        "status_type",
        "priority",
        "assigned_to",
        "assigned_team_id",
        "is_urgent",
        "unassigned",
    }
)


@dataclass(frozen=True)
class Share:
    """What one case adds to the tally: one case under `dimensions`, and its closed duration if closed."""

    dimensions: tuple[UUID, UUID, str, UUID | None, UUID | None, bool]
    closed: int
    closed_seconds: int

    @property
    def key(self) -> str:
        case_type_id, status_id, priority, user_id, team_id, urgent = self.dimensions
        return "|".join(
            (
                _hex(case_type_id),
                _hex(status_id),
                priority,
                _hex(user_id),
                _hex(team_id),
                "1" if urgent else "0",
            )
        )


def _hex(value: Any) -> str:
    if value is None:
        return "-"
    return value.hex if isinstance(value, UUID) else UUID(str(value)).hex


def share_of(case: Case) -> Share:
    """The case's contribution to the tally as it stands in memory."""
    closed_date = case.closed_date
    return Share(
        dimensions=(
            case.case_type_id,
            case.status_id,
            str(case.priority),
            case.assigned_to_id,
            case.assigned_team_id,
            bool(case.is_urgent),
        ),
        closed=int(closed_date is not None),
        closed_seconds=(closed_date - case.intake_date) // SECOND if closed_date is not None else 0,
    )


def shard_of(case_id: Any) -> int:
    """The tally shard a case's moves go to."""
    value = case_id if isinstance(case_id, UUID) else UUID(str(case_id))
    return value.int % SHARDS


def record(before: Share | None, after: Share | None, *, shard: int = 0) -> None:
    """Move one case's contribution from `before` to `after` (None: the case did not / no longer exists).

    Must run inside the transaction that writes the case. Does nothing when nothing counted changed.
    """
    statement = record_statement(before, after, shard=shard)
    if statement is not None:
        with connection.cursor() as cursor:
            cursor.execute(*statement)


def record_statement(
    before: Share | None, after: Share | None, *, shard: int = 0
) -> tuple[str, list[Any]] | None:
    """The one statement `record(before, after)` runs (None when nothing counted changed), for a caller that
    sends it together with the case's other writes (`casework.core.writes.Writes.sql`)."""
    if before == after:
        return None
    bumps: dict[str, tuple[Share, list[int]]] = {}
    for share, sign in ((before, -1), (after, 1)):
        if share is None:
            continue
        _, delta = bumps.setdefault(share.key, (share, [0, 0, 0]))
        delta[0] += sign
        delta[1] += sign * share.closed
        delta[2] += sign * share.closed_seconds
    # Always in key order: two transactions moving cases between the same two rows lock them alike.
    rows = [
        (share, delta[0], delta[1], delta[2])
        for share, delta in (bumps[key] for key in sorted(bumps))
        if any(delta)
    ]
    return _upsert(rows, shard=shard) if rows else None


def row_key(share: Share, shard: int) -> str:
    """The primary key of a shard's row (shard 0: the dimensions' key alone, as `rebuild` writes it)."""
    return share.key if shard == 0 else f"{share.key}#{shard}"


def _bump(share: Share, cases: int, closed: int, closed_seconds: int, *, shard: int = 0) -> None:
    with connection.cursor() as cursor:
        cursor.execute(*_upsert([(share, cases, closed, closed_seconds)], shard=shard))


COLUMNS = (
    "key",
    "case_type_id",
    "status_id",
    "priority",
    "assigned_to_id",
    "assigned_team_id",
    "is_urgent",
    "shard",
    "cases",
    "closed_cases",
    "closed_seconds",
)


def _upsert(rows: list[tuple[Share, int, int, int]], *, shard: int) -> tuple[str, list[Any]]:
    """One INSERT ... ON CONFLICT DO UPDATE adding each row's deltas to its tally row in `shard` (keys
    distinct, in key order)."""
    fields = {f.attname: f for f in CaseTally._meta.concrete_fields}
    params: list[Any] = []
    for share, cases, closed, closed_seconds in rows:
        values = (row_key(share, shard), *share.dimensions, shard, cases, closed, closed_seconds)
        params += [fields[c].get_db_prep_value(v, connection) for c, v in zip(COLUMNS, values, strict=True)]
    table = CaseTally._meta.db_table
    quote = connection.ops.quote_name
    counters = ("cases", "closed_cases", "closed_seconds")
    names = ", ".join(quote(c) for c in COLUMNS)
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(rows))
    add = ", ".join(f"{quote(c)} = {quote(table)}.{quote(c)} + excluded.{quote(c)}" for c in counters)
    # The model's own identifiers; every value is a parameter.
    sql = f"INSERT INTO {quote(table)} ({names}) VALUES {placeholders} ON CONFLICT (key) DO UPDATE SET {add}"  # noqa: S608
    return sql, params


@transaction.atomic
def rebuild() -> int:
    """Recount the whole tally from the cases (after a bulk load that bypassed the services).

    On PostgreSQL one INSERT ... SELECT, with the tally locked against the services' upserts for the
    duration, so a case written meanwhile is counted exactly once. Returns the number of tally rows.
    """
    return rebuild_from(Case, CaseTally)


def rebuild_from(case_model: Any, tally_model: Any) -> int:
    """`rebuild` over the given models (the migration passes its historical ones)."""
    quote = connection.ops.quote_name
    table = quote(tally_model._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the model's own table
            cursor.execute(
                f"""
                INSERT INTO {table} (key, case_type_id, status_id, priority, assigned_to_id,
                                     assigned_team_id, is_urgent, cases, closed_cases, closed_seconds)
                SELECT concat_ws('|', replace(case_type_id::text, '-', ''), replace(status_id::text, '-', ''),
                                 priority, coalesce(replace(assigned_to_id::text, '-', ''), '-'),
                                 coalesce(replace(assigned_team_id::text, '-', ''), '-'),
                                 CASE WHEN is_urgent THEN '1' ELSE '0' END),
                       case_type_id, status_id, priority, assigned_to_id, assigned_team_id, is_urgent,
                       count(*), count(closed_date),
                       coalesce(sum(floor(extract(epoch FROM closed_date - intake_date)))::bigint, 0)
                FROM {quote(case_model._meta.db_table)}
                GROUP BY case_type_id, status_id, priority, assigned_to_id, assigned_team_id, is_urgent
                """  # noqa: S608 - the models' own tables, no values
            )
        return tally_model.objects.count()
    # SQLite (development sizes): the whole database is locked by the write anyway.
    tally_model.objects.all().delete()
    rows = _recount(case_model)
    tally_model.objects.bulk_create(
        tally_model(
            key=share.key,
            case_type_id=share.dimensions[0],
            status_id=share.dimensions[1],
            priority=share.dimensions[2],
            assigned_to_id=share.dimensions[3],
            assigned_team_id=share.dimensions[4],
            is_urgent=share.dimensions[5],
            cases=n,
            closed_cases=closed,
            closed_seconds=seconds,
        )
        for share, (n, closed, seconds) in rows.items()
    )
    return len(rows)


def recount() -> dict[Share, tuple[int, int, int]]:
    """The tally worked out from the cases one by one: {share without duration: (cases, closed, seconds)}."""
    return _recount(Case)


def _recount(case_model: Any) -> dict[Share, tuple[int, int, int]]:
    rows: dict[Share, list[int]] = defaultdict(lambda: [0, 0, 0])
    fields = ("case_type_id", "status_id", "priority", "assigned_to_id", "assigned_team_id", "is_urgent")
    for case in (
        case_model.objects.order_by().only(*fields, "intake_date", "closed_date").iterator(chunk_size=2000)
    ):
        share = share_of(case)
        row = rows[Share(share.dimensions, 0, 0)]
        row[0] += 1
        row[1] += share.closed
        row[2] += share.closed_seconds
    return {share: (n, closed, seconds) for share, (n, closed, seconds) in rows.items()}


def stored() -> dict[Share, tuple[int, int, int]]:
    """The tally as stored, its shards summed, in the shape of `recount()` (rows counting no case left out)."""
    sums: dict[Share, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in CaseTally.objects.all():
        share = Share(
            (t.case_type_id, t.status_id, t.priority, t.assigned_to_id, t.assigned_team_id, t.is_urgent), 0, 0
        )
        row = sums[share]
        row[0] += t.cases
        row[1] += t.closed_cases
        row[2] += t.closed_seconds
    return {share: (n, closed, seconds) for share, (n, closed, seconds) in sums.items() if n > 0}


def reassign_deleted(*, user_id: Any = None, team_id: Any = None) -> None:
    """Move the rows of a deleted user or team to "nobody", as the database does with their cases."""
    rows = CaseTally.objects.filter(Q(assigned_to_id=user_id) if user_id else Q(assigned_team_id=team_id))
    for row in rows.select_for_update().order_by("key"):
        dimensions = (
            row.case_type_id,
            row.status_id,
            row.priority,
            None if user_id else row.assigned_to_id,
            None if team_id else row.assigned_team_id,
            row.is_urgent,
        )
        _bump(Share(dimensions, 0, 0), row.cases, row.closed_cases, row.closed_seconds, shard=row.shard)
        row.delete()


def count_cases(**filters: Any) -> int | None:
    """The exact number of cases matching `CaseQuerySet.filtered(**filters)`, read from the tally, or None
    when a filter is one the tally does not hold (contact, due date ...). None-valued filters are ignored."""
    given = {name: value for name, value in filters.items() if value is not None}
    if not set(given) <= TALLY_FILTERS:
        return None
    lookups = {
        "case_type_id": "case_type_id",
        "status_id": "status_id",
        "priority": "priority",
        "assigned_to": "assigned_to_id",
        "assigned_team_id": "assigned_team_id",
        "is_urgent": "is_urgent",
    }
    rows = CaseTally.objects.filter(**{lookups[n]: v for n, v in given.items() if n in lookups})
    if "status_type" in given:
        statuses = CaseStatus.objects.filter(status_type=given["status_type"]).values("pk")
        rows = rows.filter(status_id__in=statuses)
    if given.get("unassigned") is True:
        rows = rows.filter(assigned_to__isnull=True, assigned_team__isnull=True)
    elif given.get("unassigned") is False:
        rows = rows.exclude(assigned_to__isnull=True, assigned_team__isnull=True)
    return rows.aggregate(n=Sum("cases"))["n"] or 0


def user_deleted(*, instance: Any, **_: Any) -> None:
    reassign_deleted(user_id=instance.pk)


def team_deleted(*, instance: Any, **_: Any) -> None:
    reassign_deleted(team_id=instance.pk)


def summary(*, today: dt.date) -> dict[str, Any]:
    """The dashboard figures over all cases, the same numbers as `querysets.case_summary` counts, in three
    queries: the tally (its shards) summed by the database per (type, status type, priority, assigned or not,
    urgent), the tally per assignee, and open cases by due date from the (status, due_date) index."""
    from casework.accounts.models import User
    from casework.cases.models import OPEN_STATUS_TYPES, CaseType, StatusType

    quote = connection.ops.quote_name
    tally, types_table, statuses, users = (
        quote(model._meta.db_table) for model in (CaseTally, CaseType, CaseStatus, User)
    )
    # Raw SQL for a GROUP BY in a subquery: summing the tally's rows before joining the names keeps the
    # sort to a few hundred groups instead of every tally row.
    groups = _rows(
        f"""
        SELECT g.case_type_id, ct.name, ct.color, st.status_type, g.priority, g.unassigned, g.is_urgent,
               g.n, g.closed, g.seconds
        FROM (SELECT case_type_id, status_id, priority, assigned_to_id IS NULL AS unassigned, is_urgent,
                     SUM(cases) AS n, SUM(closed_cases) AS closed, SUM(closed_seconds) AS seconds
              FROM {tally}
              GROUP BY case_type_id, status_id, priority, assigned_to_id IS NULL, is_urgent
              HAVING SUM(cases) > 0) g
        JOIN {types_table} ct ON ct.id = g.case_type_id
        JOIN {statuses} st ON st.id = g.status_id
        ORDER BY ct.sort_order, ct.name, g.case_type_id
        """  # noqa: S608 - the models' own tables, no values
    )
    placeholders = ", ".join(["%s"] * len(OPEN_STATUS_TYPES))
    assignees = _rows(
        f"""
        SELECT g.assigned_to_id, u.first_name, u.last_name, u.email, g.n, g.open
        FROM (SELECT t.assigned_to_id, SUM(t.cases) AS n,
                     SUM(CASE WHEN st.status_type IN ({placeholders}) THEN t.cases ELSE 0 END) AS open
              FROM {tally} t JOIN {statuses} st ON st.id = t.status_id
              WHERE t.assigned_to_id IS NOT NULL
              GROUP BY t.assigned_to_id
              HAVING SUM(t.cases) > 0) g
        JOIN {users} u ON u.id = g.assigned_to_id
        ORDER BY g.open DESC, u.last_name, u.first_name
        """,  # noqa: S608 - the models' own tables; the values are parameters
        [str(kind) for kind in OPEN_STATUS_TYPES],
    )
    priorities = dict.fromkeys(("low", "medium", "high", "urgent"), 0)
    kinds = dict.fromkeys((s.value for s in StatusType), 0)
    types: dict[Any, dict[str, Any]] = {}
    total = open_total = unassigned = urgent = closed_n = closed_seconds = 0
    # SUM of bigint is numeric (Decimal) on PostgreSQL: counted back as int.
    for type_id, name, color, kind, priority, is_unassigned, is_urgent, *sums in groups:
        n, closed, seconds = (int(x) for x in sums)
        total += n
        priorities[priority] = priorities.get(priority, 0) + n
        kinds[kind] = kinds.get(kind, 0) + n
        row = types.setdefault(
            type_id,
            {"case_type_id": _uuid(type_id), "name": name, "color": color, "count": 0, "open": 0},
        )
        row["count"] += n
        if kind in OPEN_STATUS_TYPES:
            open_total += n
            row["open"] += n
            unassigned += n if is_unassigned else 0
            urgent += n if is_urgent or priority == "urgent" else 0
        if kind == StatusType.CLOSED:
            closed_n += closed
            closed_seconds += seconds
    week_end = today + dt.timedelta(days=6 - today.weekday())
    # `status IN (subquery)` rather than a join: the planner then walks the (status, due_date) index once
    # per open status, an index-only scan of the open cases due by the end of the week.
    open_statuses = CaseStatus.objects.filter(status_type__in=OPEN_STATUS_TYPES).values("pk")
    due = (
        Case.objects.order_by()
        .filter(status__in=open_statuses, due_date__lte=week_end)
        .aggregate(
            # Counting due_date, not the id: the id is not in the index, and reading it would visit the table.
            overdue=Count("due_date", filter=Q(due_date__lt=today)),
            this_week=Count("due_date", filter=Q(due_date__gte=today)),
        )
    )
    return {
        "total_cases": total,
        "open_cases": open_total,
        "closed_cases": total - open_total,
        "by_priority": priorities,
        "by_status_type": kinds,
        "by_case_type": list(types.values()),
        "by_assignee": [
            {
                "user_id": _uuid(user_id),
                "name": f"{first_name} {last_name}".strip() or email,
                "count": int(n),
                "open": int(n_open),
            }
            for user_id, first_name, last_name, email, n, n_open in assignees
        ],
        "cases_due_this_week": due["this_week"],
        "overdue_cases": due["overdue"],
        "unassigned_cases": unassigned,
        "urgent_cases": urgent,
        "average_case_duration_days": round(closed_seconds / closed_n / 86400, 1) if closed_n else None,
    }


def _rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def _uuid(value: Any) -> UUID:
    # PostgreSQL hands back UUIDs, SQLite the 32 hex digits Django stores.
    return value if isinstance(value, UUID) else UUID(str(value))
