"""Custom field definitions (configured per case type) and validation of the values clients send.

A definition is a JSON object:
    {"key": "household_size", "label": "Household size", "type": "integer", "required": true, "min": 1, "max": 30}
Types: text, textarea, integer, number, boolean, date, select, multiselect (`options`: list of strings).
Optional keys: required, help_text, min/max (numbers), max_length (text), options (select types).
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from casework.core.errors import ValidationFailed

FIELD_TYPES = {"text", "textarea", "integer", "number", "boolean", "date", "select", "multiselect"}
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def validate_definitions(definitions: Any) -> list[dict[str, Any]]:
    """Check an admin-edited list of definitions; raises ValidationFailed naming the bad entry."""
    if definitions in (None, ""):
        return []
    if not isinstance(definitions, list):
        raise ValidationFailed("Custom fields must be a list of field definitions", field="custom_fields")
    seen: set[str] = set()
    for index, item in enumerate(definitions):
        where = f"custom_fields[{index}]"
        if not isinstance(item, dict):
            raise ValidationFailed("Each definition must be an object", field=where)
        key, kind = item.get("key"), item.get("type")
        if not isinstance(key, str) or not _KEY.match(key):
            raise ValidationFailed(
                "key must be lower_snake_case, starting with a letter", field=f"{where}.key"
            )
        if key in seen:
            raise ValidationFailed(f"Duplicate key {key!r}", field=f"{where}.key")
        seen.add(key)
        if kind not in FIELD_TYPES:
            raise ValidationFailed(f"type must be one of {sorted(FIELD_TYPES)}", field=f"{where}.type")
        if kind in {"select", "multiselect"}:
            options = item.get("options")
            if not isinstance(options, list) or not options or not all(isinstance(o, str) for o in options):
                raise ValidationFailed(
                    "options must be a non-empty list of strings", field=f"{where}.options"
                )
    return definitions


def clean_values(
    definitions: list[dict[str, Any]] | None, values: dict[str, Any] | None, *, field: str
) -> dict:
    """Validate `values` against `definitions`; returns the cleaned values (dates as ISO strings).

    Unknown keys are refused so a typo never silently drops data. Errors name `<field>.<key>`.
    """
    definitions = definitions or []
    values = values or {}
    if not isinstance(values, dict):
        raise ValidationFailed("Must be an object", field=field)
    by_key = {d["key"]: d for d in definitions}
    unknown = sorted(set(values) - set(by_key))
    if unknown:
        raise ValidationFailed(
            f"Unknown field {unknown[0]!r}; this case type accepts: {', '.join(sorted(by_key)) or 'no fields'}",
            field=f"{field}.{unknown[0]}",
        )
    cleaned: dict[str, Any] = {}
    for key, definition in by_key.items():
        name = f"{field}.{key}"
        value = values.get(key)
        if value is None or value == "" or value == []:
            if definition.get("required"):
                raise ValidationFailed(f"{definition.get('label', key)} is required", field=name)
            continue
        cleaned[key] = _clean_one(definition, value, name)
    return cleaned


def _clean_one(definition: dict[str, Any], value: Any, name: str) -> Any:
    kind = definition["type"]
    if kind in {"text", "textarea"}:
        if not isinstance(value, str):
            raise ValidationFailed("Must be text", field=name)
        limit = int(definition.get("max_length", 5000 if kind == "textarea" else 255))
        if len(value) > limit:
            raise ValidationFailed(f"At most {limit} characters", field=name)
        return value
    if kind in {"integer", "number"}:
        number = _number(value, integer=kind == "integer", name=name)
        low, high = definition.get("min"), definition.get("max")
        if low is not None and number < low:
            raise ValidationFailed(f"Must be at least {low}", field=name)
        if high is not None and number > high:
            raise ValidationFailed(f"Must be at most {high}", field=name)
        return number
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValidationFailed("Must be true or false", field=name)
        return value
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError as exc:
            raise ValidationFailed("Must be a date (YYYY-MM-DD)", field=name) from exc
    options = definition.get("options", [])
    if kind == "select":
        if value not in options:
            raise ValidationFailed(f"Must be one of: {', '.join(options)}", field=name)
        return value
    if not isinstance(value, list) or any(v not in options for v in value):
        raise ValidationFailed(f"Must be a list drawn from: {', '.join(options)}", field=name)
    return list(dict.fromkeys(value))


def _number(value: Any, *, integer: bool, name: str) -> int | float:
    if isinstance(value, bool):
        raise ValidationFailed("Must be a number", field=name)
    if integer:
        if isinstance(value, int):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        raise ValidationFailed("Must be a whole number", field=name)
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValidationFailed("Must be a number", field=name) from exc
    if not number.is_finite():
        raise ValidationFailed("Must be a number", field=name)
    return float(number)
