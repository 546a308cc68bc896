"""The audit trail of domain events: who did what to which object, and when."""

from django.conf import settings
from django.db import models

from casework.core.models import TimestampedModel


class AuditEvent(TimestampedModel):
    """One domain event written by a service (`case.created`, `case.status_changed`, `user.deactivated` ...).

    Rows are append-only; the target is named by type and id so events outlive deleted objects.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # From where: the client address of the request that caused the event (empty for commands and tasks).
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}:{self.target_id}"
