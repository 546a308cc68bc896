"""Deliveries (e-mail, webhooks): recorded with the change that causes them, sent by a task after the commit.

The guarantees, and what gives each:
- sent only if the change committed: the row is written in the change's transaction, and the caller enqueues
  the task on commit (`tasks.enqueue_on_commit`);
- never sent twice for one event: `Delivery.idempotency_key` is unique, and a worker claims a row (pending ->
  sending, one UPDATE) before sending, so two tasks for the same row cannot both send it;
- retried with backoff: a failed attempt puts the row back to pending with `next_attempt_at` later
  (CASEWORK_TASK_RETRY_BASE_SECONDS doubling, at most an hour) and answers "retry at" that time, until
  CASEWORK_TASK_MAX_ATTEMPTS; the task layer enqueues the deferred retry;
- never lost: `take_back_stale_deliveries` (through `tasks.requeue_stale_deliveries`, run by `casework
  run_scheduled`) finds the rows still pending after their due time (a lost enqueue, a queue flushed) and takes
  back claims older than the worker stale timeout (a worker killed while sending).

This module only reads and writes the rows; it never enqueues.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.core.writes import insert_new
from casework.notifications import channels
from casework.notifications.models import (
    Delivery,
    DeliveryChannel,
    DeliveryStatus,
    Notification,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one attempt at a delivery came to: the delivery's status afterwards ("sent", "pending", "failed",
    "sending" when another worker has it, "missing"), and when to try again if the attempt failed and may be
    retried."""

    status: str
    retry_at: datetime | None = None


def record_deliveries(notification: Notification, *, event_key: str) -> list[Delivery]:
    """Record the e-mail to the notification's recipient and the webhook calls of its event kind; returns the
    new ones (an event recorded before gives none), which the caller enqueues once its transaction commits.
    All of them in one INSERT that skips the idempotency keys already recorded."""
    wanted: list[Delivery] = []
    recipient = notification.recipient
    target = {"target_type": notification.target_type, "target_id": notification.target_id}
    now = timezone.now()
    if settings.NOTIFICATION_EMAILS and recipient.email:
        wanted.append(
            Delivery(
                idempotency_key=f"{event_key}:email:{recipient.pk}"[:255],
                channel=DeliveryChannel.EMAIL,
                kind=notification.kind,
                notification=notification,
                recipient=recipient,
                destination=recipient.email,
                payload={"subject": notification.title, "body": notification.body},
                next_attempt_at=now,
                **target,
            )
        )
    for endpoint in WebhookEndpoint.objects.filter(is_active=True).order_by("pk"):
        if not endpoint.wants(notification.kind):
            continue
        # One call per event, whoever it notified: the key does not name the recipient.
        wanted.append(
            Delivery(
                idempotency_key=f"{event_key}:webhook:{endpoint.pk}"[:255],
                channel=DeliveryChannel.WEBHOOK,
                kind=notification.kind,
                notification=notification,
                endpoint=endpoint,
                destination=endpoint.url,
                payload={
                    "event_id": event_key,
                    "kind": notification.kind,
                    "title": notification.title,
                    "body": notification.body,
                    "data": notification.data,
                    "occurred_at": notification.created_at.isoformat(),
                    **target,
                },
                next_attempt_at=now,
                **target,
            )
        )
    return insert_new(wanted, unique="idempotency_key")  # type: ignore[return-value]


def _claim(delivery_id: UUID) -> bool:
    """Take the delivery for this worker: pending (and due), or a claim abandoned by a dead worker."""
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    claimable = Delivery.objects.filter(pk=delivery_id, next_attempt_at__lte=now)
    pending = claimable.filter(status=DeliveryStatus.PENDING)
    stale = claimable.filter(status=DeliveryStatus.SENDING, claimed_at__lt=abandoned)
    return bool(
        pending.update(status=DeliveryStatus.SENDING, claimed_at=now)
        or stale.update(status=DeliveryStatus.SENDING, claimed_at=now)
    )


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.TASK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600))


def attempt_delivery(delivery_id: UUID | str) -> DeliveryOutcome:
    """Send one delivery if it is still to be sent, and say what came of it. Safe to call any number of times
    for the same delivery."""
    delivery_id = UUID(str(delivery_id))
    if not _claim(delivery_id):
        current = Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
        return DeliveryOutcome(current or "missing")
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    try:
        _send(delivery)
    except Exception as error:  # any failure of the channel: record it and try again later
        attempts = delivery.attempts + 1
        give_up = attempts >= settings.TASK_MAX_ATTEMPTS
        next_attempt = timezone.now() + retry_delay(attempts)
        Delivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.FAILED if give_up else DeliveryStatus.PENDING,
            attempts=attempts,
            next_attempt_at=next_attempt,
            claimed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            updated_at=timezone.now(),
        )
        # Never the destination: a webhook URL can carry the receiver's token (notifications/access.py).
        logger.warning(
            "delivery %s (%s, endpoint %s) failed, attempt %d: %s",
            delivery_id,
            delivery.channel,
            delivery.endpoint_id or "-",
            attempts,
            error,
            extra={"delivery_id": str(delivery_id), "attempt": attempts},
        )
        if give_up:
            return DeliveryOutcome(DeliveryStatus.FAILED)
        return DeliveryOutcome(DeliveryStatus.PENDING, retry_at=next_attempt)
    Delivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.SENT,
        attempts=delivery.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
        updated_at=timezone.now(),
    )
    return DeliveryOutcome(DeliveryStatus.SENT)


def _send(delivery: Delivery) -> None:
    if delivery.channel == DeliveryChannel.EMAIL:
        channels.send_email(
            to=delivery.destination,
            subject=delivery.payload.get("subject", ""),
            body=delivery.payload.get("body", ""),
            event_id=delivery.idempotency_key,
        )
    elif delivery.channel == DeliveryChannel.WEBHOOK:
        if delivery.endpoint is None or not delivery.endpoint.is_active:
            raise channels.DeliveryFailed("the webhook endpoint was removed or switched off")
        channels.send_webhook(
            url=delivery.endpoint.url,
            secret=delivery.endpoint.secret,
            payload=delivery.payload,
            event_id=delivery.payload.get("event_id", delivery.idempotency_key),
        )
    else:
        raise channels.DeliveryFailed(f"unknown channel {delivery.channel!r}")


def take_back_stale_deliveries(*, grace: timedelta | None = None) -> list[UUID]:
    """Put back to pending the claims abandoned longer than `grace` (default: the worker stale timeout), and
    return the deliveries (at most 1,000) still pending `grace` after they were due: those to enqueue again.

    Each one returned is marked due now, so every worker's heartbeat and every `run_scheduled` together hand it
    out at most once per `grace`: a backlog is not enqueued again and again while it waits in the queue. Two
    callers at once never return the same delivery (the rows are locked, skipping those another caller holds)."""
    now = timezone.now()
    grace = grace if grace is not None else timedelta(seconds=settings.WORKER_STALE_SECONDS)
    abandoned = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - grace)
    abandoned.update(status=DeliveryStatus.PENDING, claimed_at=None, updated_at=now)
    with transaction.atomic():
        overdue = list(
            Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lt=now - grace)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:1000]
        )
        Delivery.objects.filter(pk__in=overdue).update(next_attempt_at=now)
    return overdue
