"""Forms of the Nature Check screens. They parse and present input; `casework.naturecheck.services` decides."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from casework.accounts.models import User
from casework.naturecheck.models import DEFAULT_COUNTRY, TRANSITIONS, NatureCheckCase, Priority, Status
from casework.naturecheck.querysets import consultants

FILTERS = [
    ("", pgettext_lazy("naturecheck farms", "All")),
    ("assigned", pgettext_lazy("naturecheck farms", "Added")),
    ("unassigned", pgettext_lazy("naturecheck farms", "Not added")),
]
# Service field names → form field names, for errors the services raise.
FARM_SERVICE_FIELDS = {
    "owner.email": "owner_email",
    "owner.first_name": "owner_first_name",
    "owner.last_name": "owner_last_name",
}
CASE_SERVICE_FIELDS = {"consultant_id": "consultant", "farm_id": None}


class FarmFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or CVR"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    filter = forms.ChoiceField(
        label=pgettext_lazy("naturecheck farms", "Show"), choices=FILTERS, required=False
    )


class FarmForm(forms.Form):
    """A farm with its address and its owner (found by email, or registered)."""

    name = forms.CharField(label=_("Farm name"), max_length=200)
    cvr = forms.CharField(
        label=_("CVR number"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=100, required=False, initial=DEFAULT_COUNTRY)
    owner_first_name = forms.CharField(label=_("Owner's first name"), max_length=100)
    owner_last_name = forms.CharField(label=_("Owner's last name"), max_length=100)
    owner_email = forms.EmailField(label=_("Owner's email"))
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_farm(cls, farm: Any) -> "FarmForm":
        contact = farm.owner.contact
        return cls(
            initial={
                "name": farm.name,
                "cvr": farm.cvr,
                "street": farm.street,
                "postal_code": farm.postal_code,
                "city": farm.city,
                "country": farm.country,
                "owner_first_name": contact.first_name,
                "owner_last_name": contact.last_name,
                "owner_email": farm.owner.email,
                "row_version": farm.row_version,
            }
        )

    def farm_fields(self) -> dict[str, str]:
        data = self.cleaned_data
        return {k: data[k] for k in ("name", "cvr", "street", "postal_code", "city", "country")}

    def owner(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "first_name": data["owner_first_name"],
            "last_name": data["owner_last_name"],
            "email": data["owner_email"],
        }


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        count = getattr(obj, "active_case_count", 0)
        cases = ngettext("%(n)s active case", "%(n)s active cases", count) % {"n": count}
        return f"{obj.full_name or obj.email} ({cases})"


class AssignmentForm(forms.Form):
    """Assign a consultant to a farm, or update the farm's active case (then `case_id` and `row_version` say
    which case and which version of it the employee saw)."""

    consultant = ConsultantChoiceField(label=_("Consultant"), queryset=User.objects.none(), empty_label="—")
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=[("", "—"), *Priority.choices],
        required=False,
        empty_value=None,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    case_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each consultant's count of active cases is of the cases `viewer` may see.
        self.fields["consultant"].queryset = consultants(User.objects.all(), viewer=viewer)  # type: ignore[attr-defined]

    @classmethod
    def for_case(cls, case: NatureCheckCase | None, *, viewer: Any, data: Any = None) -> "AssignmentForm":
        if data is not None:
            return cls(data, viewer=viewer)
        if case is None:
            return cls(viewer=viewer)
        return cls(
            viewer=viewer,
            initial={
                "consultant": case.consultant_id,
                "priority": case.priority or "",
                "notes": case.notes,
                "case_id": case.pk,
                "row_version": case.row_version,
            },
        )


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(choices=NatureCheckCase._meta.get_field("status").choices)  # type: ignore[arg-type]
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def get_status_label(self) -> str:
        return str(dict(self.fields["status"].choices).get(self.cleaned_data["status"], ""))  # type: ignore[attr-defined]


ACTIONS: dict[str, Any] = {
    Status.IN_PROGRESS: pgettext_lazy("naturecheck action", "Start"),
    Status.COMPLETED: pgettext_lazy("naturecheck action", "Complete"),
    Status.CANCELLED: pgettext_lazy("naturecheck action", "Cancel case"),
}


def status_moves(case: NatureCheckCase, *, cancel: bool) -> list[tuple[str, Any]]:
    """The buttons for the moves the workflow allows from the case's status (the service still decides)."""
    return [
        (status, ACTIONS[status])
        for status in TRANSITIONS.get(case.status, ())
        if cancel or status != Status.CANCELLED
    ]
