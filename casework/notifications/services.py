"""Use cases of the inbox: notify someone, mark read."""

import uuid
from typing import Any
from uuid import UUID

from django.db import models, transaction
from django.utils import timezone

from casework.core.writes import insert_new
from casework.notifications.delivery import record_deliveries
from casework.notifications.errors import NOTIFICATION_NOT_FOUND
from casework.notifications.models import Notification
from casework.notifications.tasks import enqueue_on_commit


def notify(
    *,
    recipient: Any,
    kind: str,
    title: str,
    body: str = "",
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    event_key: str | None = None,
) -> Notification | None:
    """Put a notification in `recipient`'s inbox; see `notify_once`."""
    notification, _ = notify_once(
        recipient=recipient, kind=kind, title=title, body=body, target=target, data=data, event_key=event_key
    )
    return notification


def notify_once(
    *,
    recipient: Any,
    kind: str,
    title: str,
    body: str = "",
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    event_key: str | None = None,
) -> tuple[Notification | None, bool]:
    """Put a notification in `recipient`'s inbox (nothing for no recipient or an inactive one), and record its
    e-mail and webhook deliveries, sent by a task once the caller's transaction commits.

    `event_key` names the event (`case.assigned:<case id>:<row version>`): notifying the same recipient of the
    same event again changes nothing, and no e-mail or webhook goes out twice for it. Returns the notification
    and whether it is new.
    """
    if recipient is None or not getattr(recipient, "is_active", True):
        return None, False
    event_key = event_key or f"{kind}:{uuid.uuid4().hex}"
    notification = Notification(
        idempotency_key=f"{event_key}:inbox:{recipient.pk}"[:255],
        recipient=recipient,
        kind=kind,
        title=title[:255],
        body=body,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
    # One INSERT ... ON CONFLICT DO NOTHING: the unique key decides, also between two writers at once.
    if not insert_new([notification], unique="idempotency_key"):
        existing = Notification.objects.get(idempotency_key=notification.idempotency_key)
        return existing, False
    enqueue_on_commit(record_deliveries(notification, event_key=event_key))
    return notification, True


def mark_target_read(*, recipient_id: Any, target: models.Model) -> int:
    """Mark read every unread notification of one user about one object; returns how many."""
    return Notification.objects.filter(
        recipient_id=recipient_id,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        is_read=False,
    ).update(is_read=True, read_at=timezone.now())


@transaction.atomic
def mark_read(notification_id: UUID, *, user: Any) -> Notification:
    """Mark one of the user's own notifications read; someone else's is 404, as if it did not exist."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise NOTIFICATION_NOT_FOUND()
    if not notification.is_read:
        notification.is_read = True
        notification.read_at = timezone.now()
        notification.save(update_fields=["is_read", "read_at", "updated_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, is_read=False).update(
        is_read=True, read_at=timezone.now()
    )
