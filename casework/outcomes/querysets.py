"""Named reads of outcome definitions and tags, and the outcomes report."""

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Count, DateField, Min, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from casework.outcomes.errors import INVALID_RANGE

BUCKETS = {"week": TruncWeek, "month": TruncMonth}


class OutcomeDefinitionQuerySet(models.QuerySet):
    def active(self) -> "OutcomeDefinitionQuerySet":
        return self.filter(is_active=True)

    def in_display_order(self) -> "OutcomeDefinitionQuerySet":
        return self.order_by("sort_order", "name", "id")


class ImpactQuerySet(models.QuerySet):
    def of_interaction(self, interaction_id: Any) -> "ImpactQuerySet":
        return (
            self.filter(interaction_id=interaction_id)
            .select_related("outcome_definition")
            .order_by("outcome_definition__sort_order", "outcome_definition__name", "id")
        )

    def report_columns_match(self) -> bool:
        """Whether every tag's report columns are copies of its note and its case's contact, as
        `rebuild_report_columns` writes them (the recount of that derived store)."""
        copies = ("interaction_created_at", "interaction_created_by_id", "interaction_type", "client_id")
        sources = ("interaction__created_at", "interaction__created_by_id", "interaction__note_type",
                   "interaction__case__contact_id")  # fmt: skip
        rows = self.order_by().values_list(*copies, *sources)
        return all(row[: len(copies)] == row[len(copies) :] for row in rows.iterator(chunk_size=2000))

    def counted_in_report(
        self,
        *,
        date_from: dt.date,
        date_to: dt.date,
        staff_id: Any = None,
        interaction_type: str | None = None,
        include_non_reportable: bool = False,
    ) -> "ImpactQuerySet":
        """Impacts (not "no impact" tags) on interactions written between the two days, both included.

        Reads the tag's own copies of the note's time, author and type (`interaction_*`), which the partial
        index `outcomeimpact_report_idx` covers: no join to the notes."""
        if date_from > date_to:
            raise INVALID_RANGE()
        zone = timezone.get_current_timezone()
        start = _start_of(date_from, zone)
        end = _start_of(date_to + dt.timedelta(days=1), zone) if date_to < dt.date.max else None
        # Both bounds always filter (the partial report index needs a range on interaction_created_at); a day
        # at the end of the calendar, where the day's start does not exist in UTC, leaves that end open.
        filters = Q(impact=True, interaction_created_at__gte=start or dt.datetime.min.replace(tzinfo=dt.UTC))
        if end is not None:
            filters &= Q(interaction_created_at__lt=end)
        if not include_non_reportable:
            filters &= Q(outcome_definition__is_reportable=True)
        if staff_id is not None:
            filters &= Q(interaction_created_by_id=staff_id)
        if interaction_type:
            filters &= Q(interaction_type=interaction_type)
        return self.filter(filters)


def _start_of(day: dt.date, zone: dt.tzinfo) -> dt.datetime | None:
    """Midnight starting `day` in `zone`, or None when that moment is outside what a datetime can hold in UTC
    (0001-01-01 east of Greenwich, 9999-12-31 west of it)."""
    try:
        return dt.datetime.combine(day, dt.time.min, tzinfo=zone).astimezone(dt.UTC)
    except OverflowError:
        return None


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def outcomes_report(impacts: ImpactQuerySet, *, bucket: str) -> dict[str, Any]:
    """Totals per outcome and a time series bucketed by week (Monday) or month, counted by the database.

    A client is the case's contact: one person helped twice towards the same outcome counts once in
    `uniqueClientsImpacted`. Buckets are in the server's time zone, keyed by their first day.

    Counts `interaction_created_at` (never null within a report's date range) rather than the id, and the
    clients from the tag's `client` copy, so that both queries read the report index alone.
    """
    # Both queries group by ids only (no names in the sort): the totals take their definition's key, name
    # and order with MIN (one value per group), the series take them from the totals, which hold every
    # definition the series can name (same impacts).
    totals = list(
        impacts.order_by()
        .values("outcome_definition_id")
        .annotate(
            count=Count("interaction_created_at"),
            clients=Count("client_id", distinct=True),
            key=Min("outcome_definition__key"),
            name=Min("outcome_definition__name"),
            position=Min("outcome_definition__sort_order"),
        )
        .order_by("position", "name")
    )
    order = {row["outcome_definition_id"]: (i, row["key"]) for i, row in enumerate(totals)}
    trunc = BUCKETS[bucket]("interaction_created_at", output_field=DateField())
    series = sorted(
        impacts.order_by()
        .annotate(bucket_start=trunc)
        .values("bucket_start", "outcome_definition_id")
        .annotate(
            count=Count("interaction_created_at"),
            clients=Count("client_id", distinct=True),
        ),
        key=lambda row: (row["bucket_start"], order[row["outcome_definition_id"]][0]),
    )
    return {
        "bucket": bucket,
        "totalsByOutcome": [
            {
                "outcomeDefinitionId": row["outcome_definition_id"],
                "key": row["key"],
                "name": row["name"],
                "countImpacts": row["count"],
                "uniqueClientsImpacted": row["clients"],
            }
            for row in totals
        ],
        "timeseries": [
            {
                # TruncWeek/TruncMonth give datetimes on some backends whatever the output field.
                "bucketStart": _as_date(row["bucket_start"]),
                "outcomeDefinitionId": row["outcome_definition_id"],
                "key": order[row["outcome_definition_id"]][1],
                "countImpacts": row["count"],
                "uniqueClientsImpacted": row["clients"],
            }
            for row in series
        ],
    }
