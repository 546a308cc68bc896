"""In-app notifications: a message to one user about one object (a case, a Nature Check case ...)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.core.models import TimestampedModel, staff_member


class Notification(TimestampedModel):
    """A message in one user's inbox. Only the recipient ever sees it.

    `target_type`/`target_id` name the object it is about, so an app can find (and e.g. mark read) the
    notifications of one object without a foreign key to every domain.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("Recipient"),
    )
    kind = models.CharField(max_length=60, verbose_name=_("Kind"))
    title = models.CharField(max_length=255, verbose_name=_("Title"))
    body = models.TextField(blank=True, verbose_name=_("Text"))
    target_type = models.CharField(max_length=80, blank=True, verbose_name=_("Target type"))
    target_id = models.CharField(max_length=64, blank=True, verbose_name=_("Target ID"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("Data"))
    is_read = models.BooleanField(default=False, verbose_name=_("Read"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Read at"))
    # The event and the recipient it was made for: the same event never puts a second copy in the inbox.
    idempotency_key = models.CharField(max_length=255, blank=True, verbose_name=_("Idempotency key"))

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "is_read", "-created_at"], name="notification_inbox_idx"),
            models.Index(fields=["target_type", "target_id"], name="notification_target_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="notification_idempotency_key_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"


class WebhookEndpoint(TimestampedModel):
    """A URL that receives a signed POST for each notification event (configuration admins edit).

    The body is JSON; `X-Casework-Signature: sha256=<hex>` is the HMAC-SHA256 of `<timestamp>.<body>` with
    `secret`, `X-Casework-Timestamp` the Unix time it was signed at, `X-Casework-Event-Id` the event's idempotency
    key (a receiver can drop a repeat). `event_kinds` empty means every kind.
    """

    name = models.CharField(max_length=100, verbose_name=_("Name"))
    url = models.URLField(max_length=500, verbose_name=_("URL"))
    secret = models.CharField(
        max_length=255,
        help_text=_("Shared secret the receiver verifies signatures with"),
        verbose_name=_("Secret"),
    )
    event_kinds = models.JSONField(
        default=list, blank=True, help_text=_("Notification kinds sent; empty: all"), verbose_name=_("Events")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self) -> str:
        # The name only: `str` labels admin log entries and audit events, and the URL can carry a token.
        return self.name

    def clean(self) -> None:
        from urllib.parse import urlsplit

        from django.core.exceptions import ValidationError

        from casework.notifications.channels import refused_address

        reason = refused_address(urlsplit(self.url).hostname or "")
        if reason:
            raise ValidationError(
                {
                    "url": f"Webhooks are not sent to {reason} (CASEWORK_WEBHOOK_ALLOW_PRIVATE_TARGETS allows it)."
                }
            )

    def wants(self, kind: str) -> bool:
        return self.is_active and (not self.event_kinds or kind in self.event_kinds)


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    WEBHOOK = "webhook", "Webhook"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Delivery(TimestampedModel):
    """One message to send outside Casework (an e-mail, a webhook call) for one event: an outbox row.

    Written in the transaction of the change that caused it, so it exists exactly when the change does; a task
    sends it after the commit. `idempotency_key` (event + channel + destination) is unique, so the same event is
    never delivered twice to the same place; a worker claims the row (pending -> sending) before sending.
    """

    idempotency_key = models.CharField(max_length=255, unique=True, verbose_name=_("Idempotency key"))
    channel = models.CharField(max_length=20, choices=DeliveryChannel.choices, verbose_name=_("Channel"))
    kind = models.CharField(max_length=60, verbose_name=_("Kind"))
    notification = models.ForeignKey(
        Notification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        verbose_name=_("Notification"),
    )
    recipient = staff_member(_("Recipient"))
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        verbose_name=_("Webhook endpoint"),
    )
    destination = models.CharField(
        max_length=500,
        help_text=_("The e-mail address or URL at the time of sending"),
        verbose_name=_("Destination"),
    )
    target_type = models.CharField(max_length=80, blank=True, verbose_name=_("Target type"))
    target_id = models.CharField(max_length=64, blank=True, verbose_name=_("Target ID"))
    payload = models.JSONField(default=dict, blank=True, verbose_name=_("Payload"))
    status = models.CharField(
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        verbose_name=_("Status"),
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("Attempts"))
    next_attempt_at = models.DateTimeField(verbose_name=_("Next attempt at"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Claimed at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Sent at"))
    last_error = models.TextField(blank=True, verbose_name=_("Last error"))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "-created_at"], name="delivery_target_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=[c.value for c in DeliveryChannel]),
                name="delivery_channel_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[c.value for c in DeliveryStatus]), name="delivery_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.kind}: {self.status}"
