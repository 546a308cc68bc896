"""The client address of the request being served: for audit events ("from where") and login throttling.

`client_ip(request)` is the one place that decides it. Directly on the internet the client is REMOTE_ADDR. Behind
a load balancer every request comes from the balancer, so when REMOTE_ADDR is one of `settings.TRUSTED_PROXIES`
the client is read from X-Forwarded-For: walking it from the right (the entry the balancer itself appended),
trusted proxies are skipped and the first other address is the client. Entries to its left were written by the
client and are never believed. From any other address X-Forwarded-For is ignored, so it cannot be forged.

`ClientIPMiddleware` sets it for the duration of each request; `record_event` reads it, so services record it
without knowing about requests. Outside a request (commands, tasks) it is None.
"""

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_client_ip: ContextVar[str | None] = ContextVar("casework_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


def _parse_ip(value: str) -> Address | None:
    """An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:5678`."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # one client, one key: ::ffff:1.2.3.4 is 1.2.3.4
    return address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent the request, or None when it cannot be told."""
    address = _parse_ip(request.META.get("REMOTE_ADDR", ""))
    if address is None or not _trusted(address):
        return str(address) if address else None
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        forwarded = _parse_ip(hop)
        if forwarded is None:
            break  # garbage from here on: the last proxy we trust is as far as we can see
        address = forwarded
        if not _trusted(address):
            break
    return str(address)


class ClientIPMiddleware:
    """Remember the client address (`client_ip`) while the request runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
