"""How a delivery leaves Casework: an e-mail through Django's e-mail backend, or a signed webhook POST."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

SIGNATURE_HEADER = "X-Casework-Signature"
TIMESTAMP_HEADER = "X-Casework-Timestamp"
EVENT_ID_HEADER = "X-Casework-Event-Id"


class DeliveryFailed(Exception):
    """The channel refused or could not take the message; the delivery is retried later."""


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


def send_webhook(*, url: str, secret: str, payload: dict[str, Any], event_id: str) -> int:
    """POST the payload as JSON with its signature; any answer but 2xx is a failure. Returns the status."""
    body = json.dumps(payload, sort_keys=True, default=str).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the URL is an http(s) URLField an admin configured
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Casework-Webhook/1",
            SIGNATURE_HEADER: sign(secret, timestamp, body),
            TIMESTAMP_HEADER: timestamp,
            EVENT_ID_HEADER: event_id,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"the receiver answered {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise DeliveryFailed(f"could not reach the receiver: {error}") from error
