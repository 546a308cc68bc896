"""The sign-in throttle, one for both front doors: the API's login and the web's sign-in form count their
attempts in the same two buckets (per client address, per account), so switching door does not reset either."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from casework.audit.context import client_ip


def sign_in_throttled(request: HttpRequest, *, email: str) -> bool:
    """Count one sign-in attempt for `email` from the request's address; True when the address is over
    `LOGIN_RATE_PER_IP` or the account over `LOGIN_RATE_PER_ACCOUNT`. Every attempt counts in both buckets, even
    one already refused by the other."""
    account = email.strip().lower()
    limited_by_ip = is_ratelimited(
        request,
        group="login:ip",
        key=lambda _g, r: client_ip(r) or "unknown",
        rate=settings.LOGIN_RATE_PER_IP,
        increment=True,
    )
    limited_by_account = is_ratelimited(
        request,
        group="login:account",
        key=lambda _g, _r: account,
        rate=settings.LOGIN_RATE_PER_ACCOUNT,
        increment=True,
    )
    return limited_by_ip or limited_by_account
