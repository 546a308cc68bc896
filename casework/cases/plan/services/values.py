"""Cleaning of the input values the plan's services share: a choice, a required text."""

from typing import Any

from casework.core.errors import ValidationFailed


def choice(value: Any, choices: type, field: str) -> str:
    try:
        return str(choices(value).value)
    except ValueError:
        raise ValidationFailed(f"Unknown value {value!r}", field=field) from None


def required_text(value: Any, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed("Must not be empty", code="blank", field=field)
    return text
