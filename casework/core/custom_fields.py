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

from casework.core import errors
from casework.core.labels import field_label

FIELD_TYPES = {"text", "textarea", "integer", "number", "boolean", "date", "select", "multiselect"}
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def validate_definitions(definitions: Any) -> list[dict[str, Any]]:
    """Check an admin-edited list of definitions; raises ValidationFailed naming the bad entry."""
    if definitions in (None, ""):
        return []
    if not isinstance(definitions, list):
        raise errors.DEFINITIONS_NOT_A_LIST()
    seen: set[str] = set()
    for index, item in enumerate(definitions):
        where = f"custom_fields[{index}]"
        if not isinstance(item, dict):
            raise errors.DEFINITION_NOT_AN_OBJECT(field=where)
        key, kind = item.get("key"), item.get("type")
        if not isinstance(key, str) or not _KEY.match(key):
            raise errors.INVALID_DEFINITION_KEY(field=f"{where}.key")
        if key in seen:
            raise errors.DUPLICATE_DEFINITION_KEY(field=f"{where}.key", key=key)
        seen.add(key)
        if kind not in FIELD_TYPES:
            raise errors.INVALID_FIELD_TYPE(field=f"{where}.type", types=sorted(FIELD_TYPES))
        if kind in {"select", "multiselect"}:
            options = item.get("options")
            if not isinstance(options, list) or not options or not all(isinstance(o, str) for o in options):
                raise errors.INVALID_OPTIONS(field=f"{where}.options")
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
        raise errors.MUST_BE_AN_OBJECT(field=field)
    by_key = {d["key"]: d for d in definitions}
    unknown = sorted(set(values) - set(by_key))
    if unknown:
        raise errors.UNKNOWN_CUSTOM_FIELD(
            field=f"{field}.{unknown[0]}",
            key=unknown[0],
            accepted=", ".join(sorted(by_key)) or errors.NO_CUSTOM_FIELDS,
        )
    cleaned: dict[str, Any] = {}
    for key, definition in by_key.items():
        name = f"{field}.{key}"
        value = values.get(key)
        if value is None or value == "" or value == []:
            if definition.get("required"):
                raise errors.CUSTOM_FIELD_REQUIRED(field=name, label=field_label({"key": key, **definition}))
            continue
        cleaned[key] = _clean_one(definition, value, name)
    return cleaned


def _clean_one(definition: dict[str, Any], value: Any, name: str) -> Any:
    kind = definition["type"]
    if kind in {"text", "textarea"}:
        if not isinstance(value, str):
            raise errors.MUST_BE_TEXT(field=name)
        limit = int(definition.get("max_length", 5000 if kind == "textarea" else 255))
        if len(value) > limit:
            raise errors.AT_MOST_CHARACTERS(field=name, limit=limit)
        return value
    if kind in {"integer", "number"}:
        number = _number(value, integer=kind == "integer", name=name)
        low, high = definition.get("min"), definition.get("max")
        if low is not None and number < low:
            raise errors.MUST_BE_AT_LEAST(field=name, low=low)
        if high is not None and number > high:
            raise errors.MUST_BE_AT_MOST(field=name, high=high)
        return number
    if kind == "boolean":
        if not isinstance(value, bool):
            raise errors.MUST_BE_BOOLEAN(field=name)
        return value
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError as exc:
            raise errors.MUST_BE_A_DATE(field=name) from exc
    options = definition.get("options", [])
    if kind == "select":
        if value not in options:
            raise errors.MUST_BE_ONE_OF(field=name, options=", ".join(options))
        return value
    if not isinstance(value, list) or any(v not in options for v in value):
        raise errors.MUST_BE_DRAWN_FROM(field=name, options=", ".join(options))
    return list(dict.fromkeys(value))


def _number(value: Any, *, integer: bool, name: str) -> int | float:
    if isinstance(value, bool):
        raise errors.MUST_BE_A_NUMBER(field=name)
    if integer:
        if isinstance(value, int):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        raise errors.MUST_BE_A_WHOLE_NUMBER(field=name)
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise errors.MUST_BE_A_NUMBER(field=name) from exc
    if not number.is_finite():
        raise errors.MUST_BE_A_NUMBER(field=name)
    return float(number)
