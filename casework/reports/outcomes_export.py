"""The outcomes report for a set of filters, and its CSV export (audited, spreadsheet-safe)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from casework.audit.services import record_event
from casework.core.spreadsheets import neutralise
from casework.outcomes.models import InteractionOutcomeImpact
from casework.outcomes.querysets import outcomes_report

HEADER = ["Period", "Outcome key", "Outcome", "Impacts", "Unique clients"]
TOTAL = "Total"


def report_for(
    *,
    date_from: dt.date,
    date_to: dt.date,
    bucket: str,
    staff_id: Any = None,
    interaction_type: str | None = None,
) -> dict[str, Any]:
    """The outcomes report (reportable outcomes only) as /api/reports/outcomes answers it."""
    impacts = InteractionOutcomeImpact.objects.counted_in_report(
        date_from=date_from, date_to=date_to, staff_id=staff_id, interaction_type=interaction_type
    )
    return outcomes_report(impacts, bucket=bucket)


def report_rows(report: dict[str, Any]) -> Iterator[list[Any]]:
    """The header, one `Total` row per outcome, then one row per period and outcome (oldest first)."""
    names = {row["key"]: row["name"] for row in report["totalsByOutcome"]}
    yield HEADER
    for row in report["totalsByOutcome"]:
        yield [
            TOTAL,
            neutralise(row["key"]),
            neutralise(row["name"]),
            row["countImpacts"],
            row["uniqueClientsImpacted"],
        ]
    for row in report["timeseries"]:
        yield [
            row["bucketStart"].isoformat(),
            neutralise(row["key"]),
            neutralise(names.get(row["key"], "")),
            row["countImpacts"],
            row["uniqueClientsImpacted"],
        ]


def export_outcomes_report(*, actor: Any, **filters: Any) -> Iterator[list[Any]]:
    """The report's CSV rows. Audited as an export (who, when, with which filters); the event's target is the
    person who exported, as the report names no single object."""
    report = report_for(**filters)
    used = {key: str(value) for key, value in filters.items() if value not in (None, "")}
    record_event(
        actor=actor, verb="outcomes_report.exported", target=actor, data={"format": "csv", "filters": used}
    )
    return report_rows(report)
