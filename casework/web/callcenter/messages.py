"""The call center services' errors in the user's language.

`casework.callcenter` raises its errors in English (the API's contract); the screens show them translated,
recognised by their stable `code`, with the service's text as the fallback for a code not listed here.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from casework.core.errors import DomainError

MESSAGES: dict[str, Callable[[DomainError], str]] = {
    "required": lambda e: _("This field is required."),
    "too_long": lambda e: _("The text is too long."),
    "invalid_name": lambda e: _("Use letters, spaces, apostrophes and hyphens only."),
    "invalid_street": lambda e: _("Use letters, digits, spaces and punctuation only."),
    "invalid_building_number": lambda e: _("Use digits with at most one letter (12, 12a)."),
    "invalid_flat_number": lambda e: _("Use digits only."),
    "invalid_phone": lambda e: _("Use digits, spaces, hyphens and an optional leading +."),
    "invalid_family_number": lambda e: _("A whole number greater than 0 is required."),
    "invalid_fid": lambda e: _("Use printable characters only."),
    "invalid_boolean": lambda e: _("Use True or False."),
    "invalid_case_number": lambda e: _("The case number must be exactly six digits."),
    "case_exists": lambda e: _("A 106 case already exists for this citizen."),
    "citizen_not_found": lambda e: _("Citizen not found."),
    "not_in_progress": lambda e: _("This record is no longer in progress; take the next one from the queue."),
    "locked_by_another_operator": lambda e: _("This record is locked to another operator."),
    "lock_expired": lambda e: _("Your lock on this record has expired; take the next one from the queue."),
    "citizens_exist": lambda e: _(
        "Citizens already exist; export and clear the current list before uploading a new one."
    ),
    "empty_file": lambda e: _("The file holds no citizens."),
    "invalid_encoding": lambda e: _("The file is not UTF-8 text."),
    "missing_column": lambda e: _("The header lacks a required column."),
    "too_many_fields": lambda e: _("The row has more fields than the header."),
}


def translated(error: DomainError) -> str:
    """The error's message in the active language; an import error says its line and column."""
    message = MESSAGES[error.code](error) if error.code in MESSAGES else error.message
    line: Any = error.extra.get("line")
    if line is None or error.code == "malformed_csv":
        return message
    if error.field and error.field != "file":
        return _("Line %(line)s, %(column)s: %(message)s") % {
            "line": line,
            "column": error.field,
            "message": message,
        }
    return _("Line %(line)s: %(message)s") % {"line": line, "message": message}


def add_to_form(form: forms.BaseForm, error: DomainError, fields: dict[str, str] | None = None) -> None:
    """Show the error next to the field it names, or above the form."""
    name: Any = (fields or {}).get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, translated(error))
