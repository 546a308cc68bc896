"""Cleaning of the input values the plan's services share: a choice, a required text."""

from typing import Any

from casework.cases.plan import errors


def choice(value: Any, choices: type, field: str) -> str:
    try:
        return str(choices(value).value)
    except ValueError:
        raise errors.UNKNOWN_VALUE(field=field, value=repr(value)) from None


def required_text(value: Any, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise errors.MUST_NOT_BE_BLANK(field=field)
    return text
