"""The second factor in the web: a signed-in user whose role requires one and who has none is sent to set it up,
from every page (the configuration screens included), until they have. A session whose second factor was reset
by an administrator is signed out by Django itself (the session's auth hash covers `token_version`). The API decides for itself (`accounts.auth.JWTAuth`)."""

from collections.abc import Callable

from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY

from casework.accounts.mfa import services as mfa
from casework.accounts.models import User

# Paths a user must reach before the set-up: the set-up itself, signing out, the language switch, static files,
# and what has its own authentication (the API, health, metrics).
ALWAYS_OPEN = ("/static/", "/api/", "/healthz", "/readyz", "/metrics", "/i18n/")
# Set by the single sign-on (web.oidc) when the organisation's identity provider used a second factor (its `amr`).
ORGANISATION_SECOND_FACTOR = "casework_organisation_second_factor"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not isinstance(user, User) or request.path.startswith(ALWAYS_OPEN):
            return self.get_response(request)
        open_paths = {reverse("web:second_factor"), reverse("web:logout")}
        if request.path in open_paths:
            return self.get_response(request)
        if request.session.get(DEVICE_ID_SESSION_KEY):
            # Signed in with the second factor. An administrator's reset raises the user's token_version, which
            # the session's auth hash covers (User._get_session_auth_hash): Django's AuthenticationMiddleware
            # has already signed such a session out, so no device is looked up here.
            return self.get_response(request)
        if request.session.get(ORGANISATION_SECOND_FACTOR):
            return self.get_response(request)
        if not mfa.second_factor_required(user):
            return self.get_response(request)
        if mfa.has_second_factor(user):  # signed in before the role required it: sign in again, with the code
            auth.logout(request)
            return redirect(f"{reverse('web:login')}?{urlencode({'next': request.get_full_path()})}")
        target = reverse("web:second_factor")
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
