"""The Nature Check services' errors as the screens show them.

The screens run in the module's language (`default_language`), and so do the services called from them: an
error's message is already in the reader's language, so it is shown as it is.
"""

from typing import Any

from django import forms

from casework.core.errors import DomainError


def translated(error: DomainError) -> str:
    """The error's message (already in the active language)."""
    return error.message


def add_to_form(form: forms.BaseForm, error: DomainError, fields: dict[str, Any] | None = None) -> None:
    """The service's message next to the field it names (`fields` maps service names to form names), else on
    the form."""
    name = (fields or {}).get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, translated(error))
