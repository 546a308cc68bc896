"""The sign-in throttle, one for both front doors: the API's login and the web's sign-in form count their
attempts in the same two buckets (per client address, per account), so switching door does not reset either.

The counters are shared by every process of every app server: in Redis when CASEWORK_REDIS_URL is set
(django-ratelimit on the Redis cache, whose increments are atomic), otherwise in the database
(`casework.ops.ratelimit`: one row per bucket, counted by one atomic upsert). Never in a process's own memory,
which would multiply each limit by the number of gunicorn workers.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import _split_rate, is_ratelimited

from casework.audit.context import client_ip
from casework.ops import ratelimit


def _over_limit(request: HttpRequest, *, group: str, key: str, rate: str) -> bool:
    if settings.REDIS_URL:
        return is_ratelimited(request, group=group, key=lambda _g, _r: key, rate=rate, increment=True)
    limit, period = _split_rate(rate)
    return ratelimit.hit(group, key, period=period) > limit


def sign_in_throttled(request: HttpRequest, *, email: str) -> bool:
    """Count one sign-in attempt for `email` from the request's address; True when the address is over
    `LOGIN_RATE_PER_IP` or the account over `LOGIN_RATE_PER_ACCOUNT`. Every attempt counts in both buckets, even
    one already refused by the other."""
    account = email.strip().lower()
    limited_by_ip = _over_limit(
        request, group="login:ip", key=client_ip(request) or "unknown", rate=settings.LOGIN_RATE_PER_IP
    )
    limited_by_account = _over_limit(
        request, group="login:account", key=account, rate=settings.LOGIN_RATE_PER_ACCOUNT
    )
    return limited_by_ip or limited_by_account
