"""Field rules for citizen records, shared by the call-result form and the list import.

Every rule raises ValidationFailed naming the field, and returns the cleaned value.
"""

import re

from casework.callcenter import errors
from casework.core.errors import REQUIRED

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
        raise REQUIRED(field=field)
    if len(text) > max_length:
        raise errors.TOO_LONG(field=field, max_length=max_length)
    return text


def clean_name(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=100, required=required)
    if text and not NAME_RE.fullmatch(text):
        raise errors.INVALID_NAME(field=field)
    return text


def clean_street(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=200, required=required)
    if text and (not STREET_RE.fullmatch(text) or "_" in text or not any(ch.isalpha() for ch in text)):
        raise errors.INVALID_STREET(field=field)
    return text


def clean_building(value: object, *, field: str, required: bool = True) -> str:
    text = _text(value, field, max_length=10, required=required)
    if text and not BUILDING_RE.fullmatch(text):
        raise errors.INVALID_BUILDING_NUMBER(field=field)
    return text


def clean_flat(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=10, required=False)
    if text and not FLAT_RE.fullmatch(text):
        raise errors.INVALID_FLAT_NUMBER(field=field)
    return text


def clean_phone(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=30, required=False)
    if text and not PHONE_RE.fullmatch(text):
        raise errors.INVALID_PHONE(field=field)
    return text


def clean_fid(value: object, *, field: str) -> str:
    text = _text(value, field, max_length=50, required=True)
    if not text.isprintable():
        raise errors.INVALID_FID(field=field)
    return text


def clean_family_number(value: object, *, field: str) -> int:
    text = str(value if value is not None else "").strip()
    if not text:
        raise REQUIRED(field=field)
    if not text.isascii() or not text.isdigit() or int(text) <= 0 or len(text) > 9:
        raise errors.INVALID_FAMILY_NUMBER(field=field)
    return int(text)


def clean_bool(value: object, *, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no", ""}:
        return False
    raise errors.INVALID_BOOLEAN(field=field)
