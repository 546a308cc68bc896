"""Field rules for citizen records, shared by the call-result form and the list import.

Every rule raises ValidationFailed naming the field, and returns the cleaned value.
"""

import re

from casework.core.errors import ValidationFailed

# Letters of any script; words joined by one space, an apostrophe (ASCII, U+2019, Hebrew geresh U+05F3) or a
# hyphen (ASCII, Hebrew maqaf U+05BE).
NAME_RE = re.compile(r"[^\W\d_]+(?:[ '\u2019\u05f3\-\u05be][^\W\d_]+)*")
# Digits with at most one trailing letter of any script: 12, 12a, 12א.
BUILDING_RE = re.compile(r"[0-9]+[^\W\d_]?")
FLAT_RE = re.compile(r"[0-9]+")
STREET_RE = re.compile(r"[\w '\u2019\u05f3\"\u05f4\-\u05be.,/()]+")
PHONE_RE = re.compile(r"\+?[0-9][0-9 \-()]{5,28}")
_SPACES = re.compile(r"\s+")


def _text(value: object, field: str, *, max_length: int, required: bool) -> str:
    text = _SPACES.sub(" ", str(value or "")).strip()
    if required and not text:
        raise ValidationFailed("This field is required.", code="required", field=field)
    if len(text) > max_length:
        raise ValidationFailed(f"At most {max_length} characters.", code="too_long", field=field)
    return text


def clean_name(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=100, required=required)
    if text and not NAME_RE.fullmatch(text):
        raise ValidationFailed(
            "Use letters, spaces, apostrophes and hyphens only.", code="invalid_name", field=field
        )
    return text


def clean_street(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=200, required=required)
    if text and (not STREET_RE.fullmatch(text) or "_" in text or not any(ch.isalpha() for ch in text)):
        raise ValidationFailed(
            "Use letters, digits, spaces and punctuation ('\"-.,/()) only.",
            code="invalid_street",
            field=field,
        )
    return text


def clean_building(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=10, required=required)
    if text and not BUILDING_RE.fullmatch(text):
        raise ValidationFailed(
            "Use digits with at most one letter (12, 12a).", code="invalid_building_number", field=field
        )
    return text


def clean_flat(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=10, required=False)
    if text and not FLAT_RE.fullmatch(text):
        raise ValidationFailed("Use digits only.", code="invalid_flat_number", field=field)
    return text


def clean_phone(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=30, required=False)
    if text and not PHONE_RE.fullmatch(text):
        raise ValidationFailed(
            "Use digits, spaces, hyphens and an optional leading +.", code="invalid_phone", field=field
        )
    return text


def clean_fid(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=50, required=True)
    if not text.isprintable():
        raise ValidationFailed("Use printable characters only.", code="invalid_fid", field=field)
    return text


def clean_family_number(value: object, *, field: str) -> int:
    text = str(value if value is not None else "").strip()
    if not text:
        raise ValidationFailed("This field is required.", code="required", field=field)
    if not text.isascii() or not text.isdigit() or int(text) <= 0 or len(text) > 9:
        raise ValidationFailed(
            "A whole number greater than 0 is required.", code="invalid_family_number", field=field
        )
    return int(text)


def clean_bool(value: object, *, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no", ""}:
        return False
    raise ValidationFailed("Use True or False.", code="invalid_boolean", field=field)
