"""In-app notifications: a message to one user about one object (a case, a Nature Check case ...)."""

from django.conf import settings
from django.db import models

from casework.core.models import TimestampedModel


class Notification(TimestampedModel):
    """A message in one user's inbox. Only the recipient ever sees it.

    `target_type`/`target_id` name the object it is about, so an app can find (and e.g. mark read) the
    notifications of one object without a foreign key to every domain.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_read = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "is_read", "-created_at"], name="notification_inbox_idx"),
            models.Index(fields=["target_type", "target_id"], name="notification_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"
