"""Forms of the case plan's panels: milestones, services delivered, related cases.

They parse and present input; the case plan's services decide what is allowed.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.cases.plan.models import DeliveredService
from casework.core import labels
from casework.web.shell.forms import DATE_WIDGET

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ServiceForm(forms.Form):
    """A service delivered or scheduled for a case. Editing one carries the version it was read at, so a stale
    save is refused; "ending" a service is setting its status to completed, cancelled or no-show."""

    service_name = forms.CharField(label=_("Service"), max_length=255)
    service_type = forms.ChoiceField(label=_("Kind of service"), choices=())
    service_provider = forms.CharField(label=_("Provider"), max_length=255, required=False)
    service_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TIME_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=())
    cost = forms.DecimalField(
        label=_("Cost"), required=False, min_value=Decimal(0), max_digits=10, decimal_places=2, localize=True
    )
    currency = forms.CharField(
        label=_("Currency"),
        min_length=3,
        max_length=3,
        initial=DeliveredService._meta.get_field("currency").default,
    )
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service_type: Any = self.fields["service_type"]
        status: Any = self.fields["status"]
        service_type.choices = list(labels.SERVICE_TYPE.items())
        status.choices = list(labels.SERVICE_STATUS.items())
        self.fields["cost"].widget.attrs.update(inputmode="decimal")

    @classmethod
    def for_service(cls, service: DeliveredService) -> "ServiceForm":
        initial = {name: getattr(service, name) for name in cls.base_fields}
        return cls(initial=initial, prefix=f"service-{service.pk}")

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()

    def values(self) -> dict[str, Any]:
        """What the service functions take: every field but the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != "row_version"}


class RelationshipForm(forms.Form):
    """Link another case, found by its number (or title), as related, parent, child, duplicate or blocker."""

    prefix = "link"

    case_q = forms.CharField(label=_("Find a case by number or title"), required=False)
    related_case = forms.UUIDField(
        label=_("Case"), error_messages={"required": _("Choose a case."), "invalid": _("Choose a case.")}
    )
    relationship_type = forms.ChoiceField(label=_("Relationship"), choices=())
    description = forms.CharField(label=_("Description"), required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind: Any = self.fields["relationship_type"]
        kind.choices = list(labels.RELATIONSHIP_TYPE.items())


class MilestoneToggleForm(forms.Form):
    """Complete or reopen a milestone; `row_version` is the version the user saw."""

    is_completed = forms.BooleanField(required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
