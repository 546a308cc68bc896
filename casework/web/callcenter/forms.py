"""Forms of the call center screens. They parse and present input; `casework.callcenter.services` decides
(the field rules, the lock, the 106 case number)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.callcenter import conf
from casework.callcenter.errors import INVALID_CASE_NUMBER
from casework.callcenter.models import CitizenRecord

DEFAULT_CASE_NUMBER = r"\d{6}"

CHECKS = [
    "is_answered_the_call",
    "is_lonely",
    "has_safe_room",
    "has_private_shelter",
    "has_public_shelter",
    "has_mobility_restriction",
    "is_dead",
    "is_left_the_city",
]


def _text(label: Any, max_length: int, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, widget=forms.TextInput(attrs=attrs)
    )


class CallResultForm(forms.Form):
    """What the operator learned on the call. Whether an address is required, and what it may contain, is the
    service's rule; its errors come back onto these fields."""

    is_answered_the_call = forms.BooleanField(label=_("Answered the call"), required=False)
    is_lonely = forms.BooleanField(label=_("Lives alone"), required=False)
    has_safe_room = forms.BooleanField(label=_("Has a safe room (mamad)"), required=False)
    has_private_shelter = forms.BooleanField(label=_("Has a private shelter"), required=False)
    has_public_shelter = forms.BooleanField(label=_("Has a public shelter nearby"), required=False)
    has_mobility_restriction = forms.BooleanField(label=_("Has a mobility restriction"), required=False)
    is_dead = forms.BooleanField(label=_("Deceased"), required=False)
    is_left_the_city = forms.BooleanField(label=_("Has left the city permanently"), required=False)
    family_number = forms.IntegerField(label=_("Family members"), required=False, min_value=1)

    is_address_wrong = forms.BooleanField(label=_("The address is wrong"), required=False)
    new_street_name = _text(_("New street"), 200, autocomplete="off")
    new_building_number = _text(_("New building number"), 10, autocomplete="off", inputmode="text")
    new_flat_number = _text(_("New flat number"), 10, autocomplete="off", inputmode="numeric")

    has_temporary_address = forms.BooleanField(label=_("Staying at a temporary address"), required=False)
    is_temporary_abroad = forms.BooleanField(label=_("Temporarily abroad"), required=False)
    temporary_street_name = _text(_("Temporary street"), 200, autocomplete="off")
    temporary_building_number = _text(_("Temporary building number"), 10, autocomplete="off")
    temporary_flat_number = _text(_("Temporary flat number"), 10, autocomplete="off", inputmode="numeric")

    @classmethod
    def for_citizen(cls, citizen: CitizenRecord) -> "CallResultForm":
        return cls(initial={"family_number": citizen.family_number, "is_lonely": citizen.is_lonely})

    def result(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CaseNumberForm(forms.Form):
    """The 106 case number, with its rule told on the field (its description) and checked as it is typed (the
    browser's `pattern`, and the rule's message under the field); the service still refuses a wrong number with
    its declared error."""

    case_number = forms.CharField(
        label=_("106 case number"),
        help_text=_("Exactly six digits, for example 123456."),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser's pattern is the service's rule without its anchors (HTML patterns match the whole value).
        rule = conf.case_number_pattern().pattern.removeprefix("^").removesuffix("$")
        attrs = self.fields["case_number"].widget.attrs
        attrs["pattern"] = rule
        if rule == DEFAULT_CASE_NUMBER:
            attrs["maxlength"] = "6"
            # domains.js shows the service's own message under the field as the typed value breaks the rule.
            attrs["data-mismatch-message"] = INVALID_CASE_NUMBER.message
        else:
            self.fields["case_number"].help_text = ""  # the six-digit hint would be wrong for another rule


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Citizen list (CSV)"))


class ClearForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have exported the list and want to delete every citizen and 106 case")
    )
