"""Template helpers of the caseworker UI: translated names of configuration rows and choices."""

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.formats import date_format, get_format

from casework.core import labels

register = template.Library()


@register.filter
def tr(value: Any, kind: str) -> Any:
    """`{{ case.status.name|tr:"status" }}`: the translated name of a seeded row or a fixed choice."""
    return labels.label(kind, value)


@register.filter
def intake_answers(case: Any) -> list[dict[str, Any]]:
    """The case's intake answers in the order of its type's questions, with translated labels and options and
    dates in the reader's short format."""
    answers = []
    for definition in case.case_type.custom_fields or []:
        value = (case.intake_data or {}).get(definition["key"])
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(labels.label("option", v)) for v in value)
        elif definition["type"] == "select":
            value = labels.label("option", value)
        elif definition["type"] == "date":
            value = answer_text(value)
        answers.append({"label": labels.field_label(definition), "value": value, "type": definition["type"]})
    return answers


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def answer_text(value: Any) -> Any:
    """`{{ answer|answer_text }}`: an intake answer as the reader reads it: a date (stored as ISO text, YYYY-MM-DD)
    in the locale's short date format, anything else as it is."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


@register.filter
def display_name(user: Any) -> str:
    if user is None:
        return ""
    return getattr(user, "full_name", "") or getattr(user, "email", "") or str(user)


@register.filter(name="can")
def can_filter(user: Any, permission: str) -> bool:
    """`{% if request.user|can:"cases.create" %}`: the same check the views make."""
    from casework.core.permissions import can

    return can(user, permission)


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """`{{ outcomes|lookup:case.pk }}`: the entry for `key` (looked up as text), or None."""
    return (mapping or {}).get(str(key))


# Query parameters that shape the list without narrowing it: they alone leave the filter panel folded.
NON_FILTER_PARAMETERS = frozenset({"q", "sort", "page"})


@register.filter
def narrows_list(query: Any) -> bool:
    """`{% if request.GET|narrows_list %}`: a filter other than the search box is in force."""
    return any(value for key, value in query.items() if key not in NON_FILTER_PARAMETERS)


@register.filter
def day_month(value: Any) -> str:
    """`{{ week|day_month }}`: the locale's short date without its year (en 12/31, da 31.12, he 31/12).

    Derived from SHORT_DATE_FORMAT so a chart's ticks read in the same order as every other date on the page.
    """
    if not value:
        return ""
    short = str(get_format("SHORT_DATE_FORMAT"))
    without_year = re.sub(r"[^A-Za-z]*[Yy][^A-Za-z]*$|^[Yy][^A-Za-z]*", "", short) or short
    return date_format(value, without_year)
