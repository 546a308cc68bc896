"""What the forms of every area share: the date widget, the blank choice, a user picker, and the sign-in form."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.accounts.throttle import sign_in_throttled

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = ("", "—")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name or obj.email


class SignInForm(AuthenticationForm):
    """Email and password; throttled per account and per address like the API's login."""

    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("The email or password is not right. Check them and try again."),
        "inactive": _("This account is inactive."),
    }

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        request = self.request
        limited = request is not None and sign_in_throttled(request, email=email)
        if limited:
            raise ValidationError(_("Too many sign-in attempts. Wait a few minutes and try again."))
        self.cleaned_data["username"] = email
        return super().clean()


class SecondFactorCodeForm(forms.Form):
    """A code of the user's authenticator app, or one of their recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )
