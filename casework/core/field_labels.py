"""Labels the configuration screens (the Django admin) do not give by themselves.

Fields are named by their models' translated verbose names; what is left here names the inputs of an editable list
column, which Django's change list leaves without a label.
"""

from typing import Any


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
