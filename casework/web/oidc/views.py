"""Signing in with the organisation's identity provider, through mozilla-django-oidc's views (they keep state,
nonce and the PKCE verifier in the session, each usable once). Every failure lands on the sign-in page with a
message in the reader's language, never an error page. A provider sign-in that used a second factor (its `amr`)
counts as the organisation's strong sign-in; otherwise a user who has Casework's own second factor gives its code
next, as after a password, and the middleware asks a role that requires one to set it up."""

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from mozilla_django_oidc import views as oidc_views

from casework.accounts.mfa import services as mfa
from casework.accounts.models import User
from casework.accounts.oidc import discovery, errors
from casework.accounts.oidc.backend import IDENTITY_ATTRIBUTE
from casework.accounts.oidc.services import Identity
from casework.core.errors import DomainError
from casework.web.shell.middleware import ORGANISATION_SECOND_FACTOR
from casework.web.shell.views import PENDING_SIGN_IN

logger = logging.getLogger(__name__)
BACKEND = "casework.accounts.oidc.backend.OIDCBackend"
# What can go wrong between the provider's answer and a signed-in session, other than a refusal of the service.
FAILURES = (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError)


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    messages.error(request, error.message)
    return redirect("web:login")


class StartView(oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request: HttpRequest) -> HttpResponse:
        if not discovery.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery.provider().authorization_endpoint
        except DomainError as exc:
            logger.warning("oidc: the provider's discovery document could not be read: %s", exc.code)
            return _refused(request, exc)
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not discovery.enabled():
            raise Http404
        try:
            return super().get(request)
        except DomainError as exc:
            logger.info("oidc: sign-in refused: %s", exc.code)
            return _refused(request, exc)
        except FAILURES as exc:
            logger.warning("oidc: sign-in failed: %s: %s", type(exc).__name__, exc)
            return _refused(request, errors.SIGN_IN_FAILED())

    def login_failure(self) -> HttpResponse:
        # A session already signed in stays so: a stray or forged callback link must not sign anyone out.
        return _refused(self.request, errors.SIGN_IN_FAILED())

    def login_success(self) -> HttpResponse:
        request = self.request
        user = self.user
        assert isinstance(user, User)
        identity: Identity | None = getattr(request, IDENTITY_ATTRIBUTE, None)
        strong = identity is not None and identity.strong
        target = self.success_url
        if not strong and mfa.has_second_factor(user):
            # As after a password: the session is signed in only once the code is given.
            if request.user.is_authenticated:
                auth.logout(request)
            request.session[PENDING_SIGN_IN] = {
                "user": str(user.pk),
                "backend": BACKEND,
                "at": time.time(),
                "next": target,
            }
            return redirect("web:sign_in_code")
        auth.login(request, user, backend=BACKEND)  # a new session key: no fixation
        if strong:
            request.session[ORGANISATION_SECOND_FACTOR] = True
        return HttpResponseRedirect(target)


start = StartView.as_view()
callback = CallbackView.as_view()
