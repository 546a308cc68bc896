"""The audit trail of domain events: who did what to which object, and when."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.core.models import TimestampedModel, staff_member


class AuditEvent(TimestampedModel):
    """One domain event written by a service (`case.created`, `case.status_changed`, `user.deactivated` ...).

    Rows are append-only; the target is named by type and id so events outlive deleted objects.
    """

    actor = staff_member(_("Actor"))
    verb = models.CharField(max_length=80, db_index=True, verbose_name=_("Action"))
    target_type = models.CharField(max_length=80, verbose_name=_("Target type"))
    target_id = models.CharField(max_length=64, verbose_name=_("Target ID"))
    target_repr = models.CharField(max_length=200, blank=True, verbose_name=_("Target"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("Data"))
    # From where: the client address of the request that caused the event (empty for commands and tasks).
    ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}:{self.target_id}"


class ReadScope(models.TextChoices):
    RECORD = "record", "one record"
    LIST = "list", "a list page"


class PersonalDataRead(models.Model):
    """One request that read personal data: a person's record, or a page of a list of people.

    Who (`actor`), when, from where (`ip`), which kind of record (`contact`, `citizen`, `farmer`), which
    records (`record_ids`, space-separated) and, for a list page or a search, the query it answered. One row per request,
    however long the page, so the trail costs one INSERT. Append-only like `AuditEvent`, except that rows
    older than CASEWORK_READ_AUDIT_RETENTION_DAYS are deleted by the scheduled job `purge_read_audit`.
    """

    id = models.BigAutoField(primary_key=True, verbose_name=_("ID"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("Created"))
    actor = staff_member(_("Actor"))
    ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))
    kind = models.CharField(max_length=40, verbose_name=_("Kind"))
    scope = models.CharField(max_length=10, choices=ReadScope.choices, verbose_name=_("Scope"))
    # The ids, space-separated: searchable with a plain LIKE on both databases ("who read this person?").
    record_ids = models.TextField(blank=True, verbose_name=_("Record IDs"))
    query = models.JSONField(default=dict, blank=True, verbose_name=_("Query"))
    path = models.CharField(max_length=300, blank=True, verbose_name=_("Path"))

    class Meta:
        verbose_name = _("personal data read")
        verbose_name_plural = _("personal data reads")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "created_at"], name="audit_read_actor_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=ReadScope.values), name="audit_read_scope_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.scope} by {self.actor_id} at {self.created_at:%Y-%m-%d %H:%M}"
