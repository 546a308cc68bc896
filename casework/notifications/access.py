"""Who sees what of a delivery: anyone who may see the case sees that a message went out and its status; only
administrators see where it went. A webhook URL is configured by an admin and often carries the receiver's token
(`https://hooks.example.org/T0/B0/secret`), so it never leaves the admin: not in the API, not in log lines, not
in audit events (`WebhookEndpoint.__str__` is its name)."""

from typing import Any

from casework.core.permissions import Actor, can
from casework.notifications.models import Delivery


def sees_destinations(user: Actor) -> bool:
    return can(user, "config.manage")


def delivery_out(delivery: Delivery, *, show_destination: bool) -> dict[str, Any]:
    """The fields of `DeliveryOut` for one delivery, `destination` left out unless shown."""
    return {
        "id": delivery.pk,
        "channel": delivery.channel,
        "kind": delivery.kind,
        "destination": delivery.destination if show_destination else None,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "sent_at": delivery.sent_at,
        "last_error": delivery.last_error
        if show_destination
        else delivery.last_error.replace(delivery.destination or "\0", "[destination]"),
        "created_at": delivery.created_at,
    }
