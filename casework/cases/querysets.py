"""Named reads of cases, chainable: `Case.objects.filtered(...).search(q).for_list().sorted_by(sort)`."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.db import connection, models
from django.db.models import Case as When_
from django.db.models import Count, F, IntegerField, OrderBy, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.cases import errors

SORTS = {
    "created_at": ("created_at", "id"),
    "updated_at": ("updated_at", "id"),
    "due_date": ("due_date", "id"),
    "case_number": ("case_number",),
    "title": ("title", "id"),
    "priority": ("priority_rank", "-created_at", "id"),
    "status": ("status__sort_order", "-created_at", "id"),
}

NULLABLE_SORT_KEYS = {"due_date"}

MAX_SEARCH_WORDS = 8
# The search tables of migration 0005, one row per case: PostgreSQL a tsvector with a GIN index, SQLite FTS5.
_SEARCH_SQL = {
    "postgresql": "SELECT {what} FROM cases_case_search WHERE document @@ to_tsquery('simple'::regconfig, %s)",
    "sqlite": "SELECT {what} FROM cases_case_fts WHERE cases_case_fts MATCH %s",
}


def _tokens(word: str) -> list[str]:
    """The word as the search indexes split it: runs of letters and digits, lower-cased."""
    return re.findall(r"[^\W_]+", word.lower())


def _search_query(text: str) -> str | None:
    """The search index's query for `text`: every word's tokens as prefixes, all required; None when `text`
    has no letters or digits. PostgreSQL: `case:* & 251125:*`; SQLite FTS5: `"case 251125"* AND "garcia"*`."""
    words = [tokens for tokens in map(_tokens, text.split()[:MAX_SEARCH_WORDS]) if tokens]
    if not words:
        return None
    if connection.vendor == "postgresql":
        return " & ".join(f"{token}:*" for tokens in words for token in tokens)
    return " AND ".join('"' + " ".join(tokens) + '"*' for tokens in words)


def search_total(text: str) -> int:
    """How many cases `Case.objects.search(text)` finds, counted in the search index alone (a non-blank text)."""
    query = _search_query(text)
    if query is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_SQL[connection.vendor].format(what="count(*)"), [query])
        return cursor.fetchone()[0]


def week_end(today: dt.date) -> dt.date:
    """The Sunday ending `today`'s week (weeks start on Monday, as the screens count them)."""
    return today + dt.timedelta(days=6 - today.weekday())


ROW_COLUMNS = (
    "id",
    "case_number",
    "title",
    "priority",
    "is_urgent",
    "due_date",
    "intake_date",
    "created_at",
    "updated_at",
    "contact_id",
    "case_type_id",
    "status_id",
    "assigned_to_id",
    "assigned_team_id",
    "status__name",
    "status__color",
    "status__status_type",
    "case_type__name",
    "case_type__color",
    "contact__first_name",
    "contact__last_name",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_team__name",
)


def count_per_case(rows: models.QuerySet) -> Coalesce:
    """The number of `rows` of each case (0 for none), as a subquery for an annotation."""
    counts = rows.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _count_of(model_label: str, **filters: Any) -> Coalesce:
    from django.apps import apps

    return count_per_case(apps.get_model(model_label)._default_manager.filter(**filters))


# Counts that `with_counts` adds for rows other apps keep per case (documents build on cases, so cases may not
# import them): name -> the count for a viewer, which must apply the rows' own visibility rule (the one their list
# applies), so a count never tells more than the list. Each app registers its own in its AppConfig.ready.
_VIEWER_COUNTS: dict[str, Callable[[Any], Coalesce]] = {}


def register_viewer_count(name: str, count_for: Callable[[Any], Coalesce]) -> None:
    _VIEWER_COUNTS[name] = count_for


def with_transitions(status: Any, onward: list[Any]) -> Any:
    """`status` with `onward` as its `can_transition_to`, as `prefetch_related` would leave it (read already by
    the caller's query: reading `status.can_transition_to.all()` then costs none)."""
    queryset = status.can_transition_to.get_queryset()
    queryset._result_cache = list(onward)
    queryset._prefetch_done = True
    if not hasattr(status, "_prefetched_objects_cache"):
        status._prefetched_objects_cache = {}
    status._prefetched_objects_cache["can_transition_to"] = queryset
    return status


def after_move(case: Any, *, viewer: Any) -> Any:
    """The detail read (`for_detail`, with `viewer`'s counts) of a case whose status a service just changed, its
    allowed next statuses taken from the status object the service moved it to (`with_transitions`) instead of a
    second query."""
    row = type(case).objects.for_detail(viewer=viewer).prefetch_related(None).get(pk=case.pk)
    row.status = case.status
    return row


# Querysets built once per process by `CaseQuerySet._shaped`, never evaluated themselves (only their copies are).
_TEMPLATES: dict[str, "CaseQuerySet"] = {}


def as_opened(case: Any) -> Any:
    """A case `services.open_case` just wrote, ready for `CaseOut` as `for_detail` would read it, without
    reading it again: its contact, type, status and assignee are the objects the service wrote it with, and a
    new case has its intake note and no documents or milestones. One query: the statuses it may move to."""
    from django.db.models import prefetch_related_objects

    case.notes_count, case.documents_count = 1, 0
    case.milestones_total = case.milestones_completed = 0
    prefetch_related_objects([case], "status__can_transition_to")
    return case


class CaseQuerySet(models.QuerySet):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__status_type__in=["intake", "active", "review"])

    def finished(self) -> "CaseQuerySet":
        """Closed or cancelled cases: those `open()` leaves out."""
        return self.filter(status__status_type__in=["closed", "cancelled"])

    def taken_in(self, date_from: dt.date | None, date_to: dt.date | None) -> "CaseQuerySet":
        """Cases whose intake date falls within [date_from, date_to] (either end open)."""
        if date_from and date_to and date_from > date_to:
            raise errors.DATE_RANGE_REVERSED()
        queryset = self
        if date_from:
            queryset = queryset.filter(intake_date__date__gte=date_from)
        if date_to:
            queryset = queryset.filter(intake_date__date__lte=date_to)
        return queryset

    def with_counts(self, *, viewer: Any) -> "CaseQuerySet":
        """`notes_count` and the registered counts (`documents_count`): what `viewer` would find listed (every
        note of a case they may read; the latest versions of the documents they may see, by the documents' own
        visibility rule)."""
        return self.annotate(
            notes_count=_count_of("cases.CaseNote"),
            **{name: count_for(viewer) for name, count_for in _VIEWER_COUNTS.items()},
        )

    def for_list(self) -> "CaseQuerySet":
        return self.select_related("status", "case_type", "contact", "assigned_to", "assigned_team")

    def for_rows(self, *, viewer: Any) -> "CaseQuerySet":
        """`for_list` with `viewer`'s counts, reading only the columns a list row shows (`CaseRowOut`): a
        case's texts and JSON data and its people's other fields are most of a row's bytes and of the time
        spent turning them into Python, and a list shows none of them."""
        return self.for_list().with_counts(viewer=viewer).only(*ROW_COLUMNS)

    def for_detail(self, *, viewer: Any) -> "CaseQuerySet":
        """A case as `CaseOut` shows it: `for_list` with the allowed next statuses, the plan's milestone counts
        (`milestones_total`, `milestones_completed`, counted in the same query) and `viewer`'s counts."""
        return self._shaped("detail", CaseQuerySet._for_detail).with_counts(viewer=viewer)

    def _shaped(self, name: str, build: Any) -> "CaseQuerySet":
        """`build(self)`; called on `Case.objects` itself, a copy of the queryset `build` gave the first time in
        this process: resolving the annotations' subqueries costs more Python than an indexed read's own SQL."""
        if not getattr(self, "_fresh", False):
            return build(self)
        template = _TEMPLATES.get(name)
        if template is None:
            template = _TEMPLATES[name] = build(self)
        return template.all()

    def _for_detail(self) -> "CaseQuerySet":
        return (
            self.for_list()
            .annotate(
                milestones_total=_count_of("cases.CaseMilestone"),
                milestones_completed=_count_of("cases.CaseMilestone", is_completed=True),
            )
            .prefetch_related("status__can_transition_to")
        )

    def search(self, text: str | None) -> "CaseQuerySet":
        """Cases where every word of `text` starts a word of the case number, title, description or the
        contact's name, case-insensitively: "hous" finds "Housing", "CASE-251125-00001" its case. Read from the
        search index of migration 0005 on both databases."""
        if text is None or not text.strip():
            return self
        query = _search_query(text)
        if query is None:
            return self.none()
        # A constant statement per vendor; the user's words travel as a parameter.
        statement = _SEARCH_SQL[connection.vendor].format(what="case_id")
        return self.filter(pk__in=RawSQL(statement, [query]))  # noqa: S611

    def filtered(
        self,
        *,
        contact_id: Any = None,
        case_type_id: Any = None,
        status_id: Any = None,
        status_type: str | None = None,
        priority: str | None = None,
        assigned_to: Any = None,
        assigned_team_id: Any = None,
        unassigned: bool | None = None,
        due_before: dt.date | None = None,
        is_urgent: bool | None = None,
        state: str | None = None,
        due: str | None = None,
        today: dt.date | None = None,
    ) -> "CaseQuerySet":
        """The cases every given filter (not None) lets through; the filters are the fields of
        `casework.cases.filters.CaseFilter`, which documents them. `today` (default: the local date) is the day
        `due` counts from."""
        filters: dict[str, Any] = {
            "contact_id": contact_id,
            "case_type_id": case_type_id,
            "status_id": status_id,
            "status__status_type": status_type,
            "priority": priority,
            "assigned_to_id": assigned_to,
            "assigned_team_id": assigned_team_id,
            "due_date__lt": due_before,
            "is_urgent": is_urgent,
        }
        queryset = self.filter(**{k: v for k, v in filters.items() if v is not None})
        if unassigned is True:
            queryset = queryset.filter(assigned_to__isnull=True, assigned_team__isnull=True)
        elif unassigned is False:
            queryset = queryset.exclude(assigned_to__isnull=True, assigned_team__isnull=True)
        if state == "open":
            queryset = queryset.open()
        elif state == "finished":
            queryset = queryset.finished()
        if due is not None:
            today = today or timezone.localdate()
            if due == "overdue":
                queryset = queryset.open().filter(due_date__lt=today)
            elif due == "week":
                queryset = queryset.filter(due_date__gte=today, due_date__lte=week_end(today))
            elif due == "none":
                queryset = queryset.filter(due_date__isnull=True)
        return queryset

    def sorted_by(self, sort: str | None) -> "CaseQuerySet":
        sort = sort or "-created_at"
        descending = sort.startswith("-")
        keys = SORTS[sort.lstrip("-")]
        qs = self
        if "priority_rank" in keys:
            qs = qs.annotate(
                priority_rank=When_(
                    When(priority="low", then=1),
                    When(priority="medium", then=2),
                    When(priority="high", then=3),
                    When(priority="urgent", then=4),
                    output_field=IntegerField(),
                )
            )
        first, *rest = keys
        ordering: list[Any] = [f"-{first}" if descending else first]
        ordering += [f"-{k}" if descending and not k.startswith("-") else k for k in rest]
        # Nulls last in both directions on both databases (which disagree by default), for keyset pages.
        ordering = [
            OrderBy(F(key.lstrip("-")), descending=key.startswith("-"), nulls_last=True)
            if key.lstrip("-") in NULLABLE_SORT_KEYS
            else key
            for key in ordering
        ]
        return qs.order_by(*ordering)


def case_summary(cases: CaseQuerySet, *, today: dt.date) -> dict[str, Any]:
    """The dashboard figures over `cases`, counted in three queries. Over all cases the maintained tally holds
    the same figures (`casework.cases.tallies.summary`): the reader chooses which answers."""
    from django.db.models import Avg, DurationField, ExpressionWrapper, F

    open_q = Q(status__status_type__in=["intake", "active", "review"])
    sunday = week_end(today)
    figures = cases.order_by().aggregate(
        total_cases=Count("pk"),
        open_cases=Count("pk", filter=open_q),
        closed_cases=Count("pk", filter=~open_q),
        cases_due_this_week=Count("pk", filter=open_q & Q(due_date__gte=today, due_date__lte=sunday)),
        overdue_cases=Count("pk", filter=open_q & Q(due_date__lt=today)),
        unassigned_cases=Count("pk", filter=open_q & Q(assigned_to__isnull=True)),
        urgent_cases=Count("pk", filter=open_q & (Q(is_urgent=True) | Q(priority="urgent"))),
        **{f"p_{p}": Count("pk", filter=Q(priority=p)) for p in ("low", "medium", "high", "urgent")},
        **{
            f"s_{s}": Count("pk", filter=Q(status__status_type=s))
            for s in ("intake", "active", "review", "closed", "cancelled")
        },
        average_duration=Avg(
            ExpressionWrapper(F("closed_date") - F("intake_date"), output_field=DurationField()),
            filter=Q(status__status_type="closed", closed_date__isnull=False),
        ),
    )
    by_type = (
        cases.order_by()
        .values("case_type_id", "case_type__name", "case_type__color")
        .annotate(count=Count("pk"), open=Count("pk", filter=open_q))
        .order_by("case_type__sort_order", "case_type__name")
    )
    by_assignee = (
        cases.order_by()
        .filter(assigned_to__isnull=False)
        .values("assigned_to_id", "assigned_to__first_name", "assigned_to__last_name", "assigned_to__email")
        .annotate(count=Count("pk"), open=Count("pk", filter=open_q))
        .order_by("-open", "assigned_to__last_name", "assigned_to__first_name")
    )
    average = figures.pop("average_duration")
    return {
        "total_cases": figures["total_cases"],
        "open_cases": figures["open_cases"],
        "closed_cases": figures["closed_cases"],
        "by_priority": {p: figures[f"p_{p}"] for p in ("low", "medium", "high", "urgent")},
        "by_status_type": {
            s: figures[f"s_{s}"] for s in ("intake", "active", "review", "closed", "cancelled")
        },
        "by_case_type": [
            {
                "case_type_id": row["case_type_id"],
                "name": row["case_type__name"],
                "color": row["case_type__color"],
                "count": row["count"],
                "open": row["open"],
            }
            for row in by_type
        ],
        "by_assignee": [
            {
                "user_id": row["assigned_to_id"],
                "name": f"{row['assigned_to__first_name']} {row['assigned_to__last_name']}".strip()
                or row["assigned_to__email"],
                "count": row["count"],
                "open": row["open"],
            }
            for row in by_assignee
        ],
        "cases_due_this_week": figures["cases_due_this_week"],
        "overdue_cases": figures["overdue_cases"],
        "unassigned_cases": figures["unassigned_cases"],
        "urgent_cases": figures["urgent_cases"],
        "average_case_duration_days": round(average.total_seconds() / 86400, 1)
        if average is not None
        else None,
    }


def workload(*, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Open, overdue and urgent cases per active staff member and per active team (two queries)."""
    from casework.accounts.models import Role, Team, User

    def counts(prefix: str) -> dict[str, Count]:
        open_q = Q(**{f"{prefix}__status__status_type__in": ["intake", "active", "review"]})
        return {
            "open_cases": Count(f"{prefix}", filter=open_q),
            "overdue_cases": Count(f"{prefix}", filter=open_q & Q(**{f"{prefix}__due_date__lt": today})),
            "urgent_cases": Count(
                f"{prefix}",
                filter=open_q
                & (Q(**{f"{prefix}__is_urgent": True}) | Q(**{f"{prefix}__priority": "urgent"})),
            ),
        }

    figures = ("open_cases", "overdue_cases", "urgent_cases")
    working_roles = [role.pk for role in Role.objects.all() if role.allows("cases.change")]
    staff = (
        User.objects.filter(is_active=True)
        .filter(Q(role_id__in=working_roles) | Q(assigned_cases__isnull=False))
        .values("id", "first_name", "last_name", "email")
        .annotate(**counts("assigned_cases"))
        .order_by("-open_cases", "last_name", "first_name", "id")
    )
    teams = (
        Team.objects.filter(is_active=True)
        .values("id", "name")
        .annotate(**counts("cases"))
        .order_by("-open_cases", "name")
    )
    return {
        "staff": [
            {
                "id": row["id"],
                "name": f"{row['first_name']} {row['last_name']}".strip() or row["email"],
                **{key: row[key] for key in figures},
            }
            for row in staff
        ],
        "teams": [
            {"id": row["id"], "name": row["name"], **{key: row[key] for key in figures}} for row in teams
        ],
    }


_CaseManagerBase = models.Manager.from_queryset(CaseQuerySet)


class CaseManager(_CaseManagerBase):
    """`Case.objects`: marks the querysets it hands out as fresh (no filter, no shape yet), which
    `CaseQuerySet._shaped` may answer from its templates; any chained call returns an unmarked copy."""

    def get_queryset(self) -> Any:
        queryset: Any = super().get_queryset()
        queryset._fresh = True
        return queryset
