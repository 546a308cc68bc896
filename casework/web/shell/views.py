"""Sign in and sign out with the session (the API keeps its bearer tokens), with the second factor: a user who
has one gives a code after the password (the session is signed in only then); a user whose role requires one
and has none sets it up first (`SecondFactorMiddleware` sends every page there until then); the site's icon at /favicon.ico."""

import time
from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.accounts.mfa import services as mfa
from casework.accounts.models import User
from casework.core.errors import DomainError
from casework.web.shell.forms import SecondFactorCodeForm, SignInForm

# The half-finished sign-in: the password was right, the code is still to come (the session is not signed in).
PENDING_SIGN_IN = "casework_pending_sign_in"


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("web:dashboard")  # type: ignore[assignment]

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not mfa.has_second_factor(user):
            return super().form_valid(
                form
            )  # signed in; the middleware asks for a set-up when the role needs one
        self.request.session[PENDING_SIGN_IN] = {
            "user": str(user.pk),
            "backend": user.backend,  # type: ignore[attr-defined]
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("web:sign_in_code")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["mfa_demo_bypass"] = mfa.demo_bypass_active()
        context["mfa_required_roles"] = ", ".join(sorted(settings.MFA_REQUIRED_ROLES))
        context["oidc_enabled"] = bool(settings.OIDC_ISSUER)
        context["oidc_label"] = settings.OIDC_LABEL
        return context


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view(next_page=reverse_lazy("web:login"))


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the API's JSON, a file download): the icon
    every page names (`web/favicon.svg`), under its versioned static address, so no such request is a 404."""
    response = HttpResponseRedirect(static("web/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"  # not permanent: the static address changes with it
    return response


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > settings.MFA_CHALLENGE_LIFETIME.total_seconds():
        request.session.pop(PENDING_SIGN_IN, None)
        return None
    user = User.objects.filter(pk=str(pending.get("user")), is_active=True).first()
    return (user, pending) if user else None


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code of the user's authenticator app or a recovery code."""
    found = _pending_user(request)
    if found is None:
        return redirect("web:login")
    user, pending = found
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.verify_code(request, user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            request.session.pop(PENDING_SIGN_IN, None)
            auth.login(request, user, backend=pending["backend"])  # a new session key: no fixation
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is not None:
                otp_login(request, device)
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("web:dashboard")
            return HttpResponseRedirect(target)
    return render(request, "web/sign_in_code.html", {"form": form})


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (with recovery codes), or see that one is set up. Opening the page writes
    nothing: the authenticator is started by the page's "Set up an authenticator" button (a POST), and a started
    one is shown again, not replaced, until a code confirms it."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('web:login')}?{urlencode({'next': request.get_full_path()})}")
    user = request.user
    assert isinstance(user, User)
    if mfa.has_second_factor(user):
        return render(request, "web/second_factor.html", {"status": mfa.status(user)})
    if request.method == "POST" and request.POST.get("action") == "start":
        mfa.start_totp_enrolment(user)
        return redirect("web:second_factor")
    device = mfa.pending_totp_device(user)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            enrolment = mfa.confirm_totp_enrolment(request, user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            otp_login(request, enrolment.device)
            return render(
                request,
                "web/second_factor.html",
                {"recovery_codes": enrolment.recovery_codes, "status": mfa.status(user)},
            )
    context: dict[str, Any] = {"form": form, "required": mfa.second_factor_required(user), "started": False}
    if device is not None:
        secret = b32encode(device.bin_key).decode()
        context.update(
            started=True,
            qr_svg=_qr_svg(device.config_url),
            secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
        )
    return render(request, "web/second_factor_setup.html", context)


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The configuration screens sign in through the web's sign-in (throttled, with the second factor)."""
    target = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('web:login')}?{urlencode({'next': target})}")
