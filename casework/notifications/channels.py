"""How a delivery leaves Casework: an e-mail through Django's e-mail backend, or a signed webhook POST.

A webhook call is signed twice, so a receiver can check it either way:
- Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` (the event id), `webhook-timestamp` (Unix
  seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, which the stock
  `standardwebhooks` libraries verify with `Webhook(secret)` for a `whsec_<base64>` secret, or
  `Webhook(secret.encode())` for any other secret (its UTF-8 bytes are the key);
- Casework's own headers (kept for existing receivers): `X-Casework-Signature: sha256=<hex HMAC-SHA256 of
  "<timestamp>.<body>">`, `X-Casework-Timestamp`, `X-Casework-Event-Id`.

The target is checked when the call is made, not only when an admin saves it: the host is resolved, every address
it resolves to must be public (not private, loopback, link-local, multicast or reserved) unless
CASEWORK_WEBHOOK_ALLOW_PRIVATE_TARGETS is on, and the connection goes to the address that was checked, so a DNS
answer that changes between the check and the connect (rebinding) cannot redirect it. Redirects are not followed:
a 3xx answer is a failure like any other non-2xx one. Error messages never name the URL (it can carry a token).
"""

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage

SIGNATURE_HEADER = "X-Casework-Signature"
TIMESTAMP_HEADER = "X-Casework-Timestamp"
EVENT_ID_HEADER = "X-Casework-Event-Id"
STANDARD_ID_HEADER = "webhook-id"
STANDARD_TIMESTAMP_HEADER = "webhook-timestamp"
STANDARD_SIGNATURE_HEADER = "webhook-signature"
STANDARD_SECRET_PREFIX = "whsec_"


class DeliveryFailed(Exception):
    """The channel refused or could not take the message; the delivery is retried later."""


class TargetRefused(DeliveryFailed):
    """The webhook's address is one Casework does not call (a private network, a bad scheme)."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The value of X-Casework-Signature: `sha256=` and the HMAC-SHA256 of `<timestamp>.<body>` with `secret`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300) -> bool:
    """What a receiver does: recompute the signature, compare in constant time, refuse an old timestamp."""
    try:
        fresh = abs(time.time() - int(timestamp)) <= tolerance
    except ValueError:
        return False
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


def standard_key(secret: str) -> bytes:
    """The signing key of the Standard Webhooks signature: a `whsec_<base64>` secret is its decoded bytes (as the
    stock libraries read it), any other secret its UTF-8 bytes."""
    if secret.startswith(STANDARD_SECRET_PREFIX):
        try:
            return base64.b64decode(secret[len(STANDARD_SECRET_PREFIX) :] + "==")
        except ValueError:
            pass
    return secret.encode()


def standard_signature(secret: str, *, event_id: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(
        standard_key(secret), f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256
    ).digest()
    return f"v1,{base64.b64encode(digest).decode()}"


def send_email(*, to: str, subject: str, body: str, event_id: str) -> None:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={EVENT_ID_HEADER: event_id},
    )
    if message.send(fail_silently=False) != 1:
        raise DeliveryFailed("the e-mail backend did not accept the message")


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    """An address on the public internet: not private, loopback, link-local, multicast, reserved or unspecified
    (an IPv4-mapped IPv6 address is judged as the IPv4 address it carries)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def refused_address(host: str) -> str | None:
    """Why a literal IP address (or `localhost`) may not be a webhook target, or None; for the admin's form. A
    host name is checked when the call is made, against what it resolves to then."""
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return None
    if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
        return "a loopback host"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    return None if is_public(address) else "a private, loopback or link-local address"


def resolve_target(host: str, port: int) -> tuple[int, str]:
    """The address to connect to for `host`: its first resolved address, after checking that every address it
    resolves to is allowed. Raises TargetRefused otherwise."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DeliveryFailed(f"could not resolve the receiver's host: {error}") from error
    if not answers:
        raise DeliveryFailed("the receiver's host has no address")
    for _family, _type, _proto, _name, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS and not is_public(address):
            raise TargetRefused(
                "the receiver's host resolves to a private, loopback or link-local address "
                "(CASEWORK_WEBHOOK_ALLOW_PRIVATE_TARGETS allows it)"
            )
    family, _type, _proto, _name, sockaddr = answers[0]
    return family, str(sockaddr[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, whatever the host name resolves to by now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: connected to the checked address, the certificate verified for the host name."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def send_webhook(*, url: str, secret: str, payload: dict[str, Any], event_id: str) -> int:
    """POST the payload as JSON with its signatures; any answer but 2xx is a failure (a redirect too: it is not
    followed). Returns the status."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetRefused("the webhook URL is not an http(s) URL with a host")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise TargetRefused("the webhook URL has an invalid port") from error
    if refused_address(host):
        raise TargetRefused(f"the webhook URL names {refused_address(host)}")
    _family, address = resolve_target(host, port)
    body = json.dumps(payload, sort_keys=True, default=str).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Casework-Webhook/1",
        STANDARD_ID_HEADER: event_id,
        STANDARD_TIMESTAMP_HEADER: timestamp,
        STANDARD_SIGNATURE_HEADER: standard_signature(
            secret, event_id=event_id, timestamp=timestamp, body=body
        ),
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        TIMESTAMP_HEADER: timestamp,
        EVENT_ID_HEADER: event_id,
    }
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=settings.WEBHOOK_TIMEOUT_SECONDS)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        status = int(response.status)
    except (OSError, http.client.HTTPException) as error:
        raise DeliveryFailed(f"could not reach the receiver: {type(error).__name__}: {error}") from error
    finally:
        connection.close()
    if 300 <= status < 400:
        raise DeliveryFailed(f"the receiver answered {status} (a redirect, which is not followed)")
    if not 200 <= status < 300:
        raise DeliveryFailed(f"the receiver answered {status}")
    return status
