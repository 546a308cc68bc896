"""Password sign-ins in the audit trail, whichever way they come: the web sign-in (Django's `user_logged_in`,
sent by `auth.login`) and a password refused for an existing account (`user_login_failed`, sent by
`authenticate`, which the web form and `POST /api/auth/login` both call). The API's successful sign-ins issue
a token instead of a session: `services.login` and `mfa.services.complete_sign_in` record them
(`record_sign_in`). The single sign-on records its own (`oidc.services.sign_in`: the provider, its second
factor), so it is skipped here."""

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from casework.accounts.mfa.services import has_second_factor, record_sign_in
from casework.accounts.models import User
from casework.audit.services import record_event

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


@receiver(user_logged_in, dispatch_uid="casework.accounts.record_web_sign_in")
def record_web_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # auth.login has put the backend that authenticated the user in the session before it sends the signal.
    if not isinstance(user, User) or request.session.get(BACKEND_SESSION_KEY) != PASSWORD_BACKEND:
        return
    # A user with a second factor reaches auth.login only after its code was accepted (web.shell.sign_in_code).
    record_sign_in(user, via="web", second_factor=has_second_factor(user))


@receiver(user_login_failed, dispatch_uid="casework.accounts.record_refused_password")
def record_refused_password(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:  # an unknown address has no record to point at: the log has it
        record_event(actor=None, verb="user.sign_in_refused", target=user, data={"reason": "password"})
