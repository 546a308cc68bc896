"""The client address of the request being served, for audit events ("from where").

`ClientIPMiddleware` sets it for the duration of each request; `record_event` reads it, so services record it
without knowing about requests. Outside a request (commands, tasks) it is None.
"""

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_client_ip: ContextVar[str | None] = ContextVar("casework_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class ClientIPMiddleware:
    """Remember REMOTE_ADDR while the request runs. Behind a reverse proxy, have the application server set
    REMOTE_ADDR from the proxy's header (gunicorn `--forwarded-allow-ips`), so the address cannot be forged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(_valid_ip(request.META.get("REMOTE_ADDR", "")))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
