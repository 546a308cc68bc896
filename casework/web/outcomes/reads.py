"""Reads of the outcomes screens: notes with their outcome tags and tagging forms (on the case timeline too),
the tagging choices, the report as a chart."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from casework.cases.models import CaseNote
from casework.core import labels
from casework.core.permissions import can
from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition
from casework.web.outcomes.forms import NoteOutcomesForm

CHART_COLOURS = 8  # outcome colours in outcomes.css (.seg-0 ... .seg-7), reused in turn
TAG = "cases.add_note"


def _outcome_tags() -> Prefetch:
    """Each note's tags as `outcome_tags`, in the outcomes' display order."""
    tags = InteractionOutcomeImpact.objects.select_related("outcome_definition").order_by(
        "outcome_definition__sort_order", "outcome_definition__name", "id"
    )
    return Prefetch("outcome_impacts", queryset=tags, to_attr="outcome_tags")


def with_outcome_tags(notes: QuerySet[CaseNote]) -> QuerySet[CaseNote]:
    """The notes, each with `outcome_tags`: its tags in the outcomes' display order (one extra query)."""
    return notes.prefetch_related(_outcome_tags())


def outcomes_form(note: CaseNote, definitions: list[Any], data: Any = None) -> NoteOutcomesForm:
    return NoteOutcomesForm(data, note=note, definitions=definitions, tags=note.outcome_tags)  # type: ignore[attr-defined]


def tag_timeline_notes(user: Any, notes: list[CaseNote]) -> None:
    """The timeline's notes get their outcome tags, and a tagging form each when the user may tag (two queries)."""
    prefetch_related_objects(notes, _outcome_tags())
    definitions = tagging_definitions() if can(user, TAG) else []
    for note in notes:
        form = outcomes_form(note, definitions) if definitions else None
        note.outcomes_form = form if form is not None and form.fields else None  # type: ignore[attr-defined]


def tagging_definitions() -> list[OutcomeDefinition]:
    """Every outcome in display order: the form offers the active ones and those a note already carries."""
    return list(OutcomeDefinition.objects.in_display_order())


def bucket_starts(date_from: dt.date, date_to: dt.date, bucket: str) -> list[dt.date]:
    """The first day of every week (Monday) or month the range touches, oldest first."""
    if bucket == "week":
        day = date_from - dt.timedelta(days=date_from.weekday())
        starts = []
        while day <= date_to:
            starts.append(day)
            day += dt.timedelta(weeks=1)
        return starts
    day = date_from.replace(day=1)
    starts = []
    while day <= date_to:
        starts.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return starts


def report_chart(report: dict[str, Any], *, date_from: dt.date, date_to: dt.date) -> dict[str, Any]:
    """Stacked columns: per period, one segment per outcome with impacts, sized against the busiest period."""
    outcomes = [
        {"key": row["key"], "label": labels.label("outcome", row["name"]), "colour": i % CHART_COLOURS}
        for i, row in enumerate(report["totalsByOutcome"])
    ]
    colour = {o["key"]: o["colour"] for o in outcomes}
    name = {o["key"]: o["label"] for o in outcomes}
    by_start: dict[dt.date, list[dict[str, Any]]] = {}
    for row in report["timeseries"]:
        by_start.setdefault(row["bucketStart"], []).append({**row, "label": name.get(row["key"], row["key"])})
    periods = []
    for start in bucket_starts(date_from, date_to, report["bucket"]):
        rows = by_start.get(start, [])
        periods.append({"start": start, "total": sum(r["countImpacts"] for r in rows), "rows": rows})
    top = max((p["total"] for p in periods), default=0) or 1
    for period in periods:
        period["segments"] = [
            {
                "colour": colour.get(row["key"], 0),
                "value": row["countImpacts"],
                "percent": round(100 * row["countImpacts"] / top, 1),
            }
            for row in period["rows"]
        ]
    totals = [
        {
            **row,
            "label": labels.label("outcome", row["name"]),
            "colour": colour[row["key"]],
        }
        for row in report["totalsByOutcome"]
    ]
    return {
        "outcomes": outcomes,
        "periods": periods,
        "totals": totals,
        "total_impacts": sum(r["countImpacts"] for r in report["totalsByOutcome"]),
    }
