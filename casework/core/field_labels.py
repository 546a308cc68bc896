"""Translated labels in the configuration screens (the Django admin) for model fields without a verbose name.

A field's verbose name is part of its migration state; these name a field in the reader's language in the admin's
list columns and forms without one.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin


def column(field: str, label: Any) -> Callable[[Any], Any]:
    """A list column showing `field` under the header `label`, sorted by the field."""

    @admin.display(description=label, ordering=field)
    def value(obj: Any) -> Any:
        return getattr(obj, field)

    value.__name__ = field  # the column's CSS class, field-<name>, as for the field itself
    return value


class FieldLabels:
    """ModelAdmin mixin: `field_labels` ({field: label}) label those fields in the add and change forms."""

    field_labels: dict[str, Any] = {}

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["labels"] = {**self.field_labels, **(kwargs.get("labels") or {})}
        return super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]


class LabelledListEditable:
    """ModelAdmin mixin: each input of a `list_editable` column is named by its column and row ("Sort order:
    Housing"); Django's change list gives them no label (axe: label)."""

    def get_changelist_form(self, request: Any, **kwargs: Any) -> Any:
        base = super().get_changelist_form(request, **kwargs)  # type: ignore[misc]

        class NamedInputs(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **form_kwargs: Any) -> None:
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

        return NamedInputs
