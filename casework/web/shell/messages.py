"""Domain errors shown in the UI: the message in the reader's language, next to the form field it names.

A service raises a declared error code (`<app>/errors.py`) whose message is rendered in the active language
when it is read, so every area shows `error.message` as it is: there is nothing to translate here.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from casework.core.errors import RECORD_CHANGED, DomainError


def translated(error: DomainError) -> str:
    """The error's message in the active language. A stale version of a case is told the way a screen needs
    it (what to do on this page), not the API's generic "reload it and try again"."""
    if error.error_code is RECORD_CHANGED:
        return _(
            "Someone else changed this case while you were editing it. "
            "Reload the page to see their changes, then make yours again."
        )
    return error.message


def add_to_form(form: forms.BaseForm, error: DomainError, fields: dict[str, str] | None = None) -> None:
    """Show a service's error next to the form field it names (`fields` maps service names to form names);
    an error about no field of the form is shown above the form."""
    name: Any = (fields or {}).get(error.field or "", error.field)
    if name not in form.fields:
        name = None
    form.add_error(name, translated(error))
