"""Forms of the outcomes screens: tagging a note with outcomes, and the outcomes report's filters.

They parse and present; `casework.outcomes.services` decides which tags are allowed.
"""

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.accounts.models import User
from casework.cases.models import NoteType
from casework.core import labels
from casework.web.shell.forms import DATE_WIDGET, UserChoiceField

IMPACT, NO_IMPACT = "impact", "no_impact"
TAG_CHOICES = [
    ("", pgettext_lazy("outcome tag", "Not tagged")),
    (IMPACT, pgettext_lazy("outcome tag", "Impact")),
    (NO_IMPACT, pgettext_lazy("outcome tag", "No impact")),
]
ITEM_FIELD = re.compile(r"^impacts\.(\d+)\.")
REPORT_WEEKS = 12


class NoteOutcomesForm(forms.Form):
    """One choice per outcome (not tagged / impact / no impact) for one note; saved in `replace` mode.

    Offered: the active outcomes in display order, plus any disabled outcome the note is already tagged
    with (so its tag can be kept or removed). An existing tag keeps its attribution, intensity and evidence.
    """

    def __init__(
        self, *args: Any, note: Any, definitions: Iterable[Any], tags: Iterable[Any], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"note-{note.pk.hex}-%s")
        super().__init__(*args, **kwargs)
        self.tags = {tag.outcome_definition_id: tag for tag in tags}
        # A disabled outcome sent anyway (disabled since the page was shown) stays, for the service to refuse.
        self.definitions = [
            d
            for d in definitions
            if d.is_active or d.pk in self.tags or (self.is_bound and self.field_name(d) in self.data)
        ]
        for definition in self.definitions:
            tag = self.tags.get(definition.pk)
            self.fields[self.field_name(definition)] = forms.ChoiceField(
                label=labels.label("outcome", definition.name),
                choices=TAG_CHOICES,
                required=False,
                initial="" if tag is None else IMPACT if tag.impact else NO_IMPACT,
            )

    def field_name(self, definition: Any) -> str:
        return f"outcome_{definition.pk.hex}"

    def impacts(self) -> list[dict[str, Any]]:
        """The items for `save_interaction_outcomes`, in the order the outcomes are shown."""
        items = []
        for definition in self.definitions:
            choice = self.cleaned_data.get(self.field_name(definition))
            if not choice:
                continue
            tag = self.tags.get(definition.pk)
            item: dict[str, Any] = {"outcome_definition_id": definition.pk, "impact": choice == IMPACT}
            if tag is not None:
                item.update(
                    attribution=tag.attribution, intensity=tag.intensity, evidence_note=tag.evidence_note
                )
            items.append(item)
        return items

    def focus_first_error(self) -> None:
        """Put the keyboard focus on the first refused choice when the form comes back in place (HTMX)."""
        for name in self.fields:
            if name in self.errors:
                self.fields[name].widget.attrs["autofocus"] = True
                return

    def field_for_error(self, error_field: str | None) -> str | None:
        """The form field a service error about `impacts.<n>....` belongs to."""
        match = ITEM_FIELD.match(error_field or "")
        if not match:
            return None
        chosen = [d for d in self.definitions if self.cleaned_data.get(self.field_name(d))]
        index = int(match[1])
        return self.field_name(chosen[index]) if index < len(chosen) else None


class OutcomesReportForm(forms.Form):
    """The outcomes report's filters, as the API takes them; read from the URL so a report can be bookmarked."""

    date_from = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    bucket = forms.ChoiceField(
        label=_("Group by"),
        choices=[
            ("week", pgettext_lazy("report bucket", "Week")),
            ("month", pgettext_lazy("report bucket", "Month")),
        ],
    )
    staff = UserChoiceField(
        label=_("Staff"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        required=False,
        empty_label="—",
    )
    interaction_type = forms.ChoiceField(
        label=_("Interaction type"),
        choices=[("", "—")] + [(k, v) for k, v in labels.NOTE_TYPE.items() if k != NoteType.STATUS_CHANGE],
        required=False,
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> "OutcomesReportForm":
        """The form bound to the URL's filters, the last 12 weeks by week where the URL names none."""
        data = query.copy()
        today = timezone.localdate()
        defaults = {
            "date_from": (today - dt.timedelta(weeks=REPORT_WEEKS)).isoformat(),
            "date_to": today.isoformat(),
            "bucket": "week",
        }
        for key, value in defaults.items():
            if key not in data:
                data[key] = value
        return cls(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The cleaned filters as the report's keyword arguments."""
        data = self.cleaned_data
        return {
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "bucket": data["bucket"],
            "staff_id": getattr(data.get("staff"), "pk", None),
            "interaction_type": data.get("interaction_type") or None,
        }
