"""Recording domain events. Called by other apps' services inside their transaction."""

from typing import Any

from django.db import models

from casework.audit.context import current_client_ip
from casework.audit.models import AuditEvent


def record_event(
    *, actor: Any, verb: str, target: models.Model, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append an audit event for `target`; it commits or rolls back with the caller's transaction."""
    event = new_event(actor=actor, verb=verb, target=target, data=data)
    event.save(force_insert=True)
    return event


def new_event(
    *, actor: Any, verb: str, target: models.Model, data: dict[str, Any] | None = None
) -> AuditEvent:
    """The audit event `record_event` appends, unsaved: for a service that inserts it together with the change
    it records (casework.core.writes), in the same transaction."""
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        data=data or {},
        ip=current_client_ip(),
    )


def redact_target_repr(target: models.Model, *, label: str) -> int:
    """Replace the label (`target_repr`) of every event about `target`, for erasure of personal data: the events
    themselves (who did what, when, from where) are kept. The only change ever made to audit rows."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).update(
        target_repr=label[:200]
    )
