"""Recording domain events (called by other apps' services inside their transaction) and reads of personal data
(called by the read handlers of the API and the web UI)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from casework.audit.context import current_client_ip
from casework.audit.models import AuditEvent, PersonalDataRead, ReadScope


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


def record_read(
    *,
    actor: Any,
    kind: str,
    ids: Iterable[Any],
    query: dict[str, Any] | None = None,
    path: str = "",
) -> PersonalDataRead:
    """Record that `actor` read personal data of `kind`: the records `ids`, and for a list page or a search
    the `query` it answered (then the scope is `list`, else `record`). One INSERT, whatever the number of ids.
    Called by the read handlers after they have fetched what they return.

    PostgreSQL: a read runs outside a transaction, so the INSERT is its own commit, and waiting for that commit
    to reach the disk was most of the cost. It commits with `synchronous_commit = off` (a crash in the next
    fraction of a second may lose the last reads' records; never a write, never another transaction's data),
    set by the INSERT itself: one statement, no BEGIN / SET LOCAL / COMMIT around it. Inside a caller's
    transaction it commits with that transaction as usual."""
    read = PersonalDataRead(
        actor=actor if getattr(actor, "pk", None) else None,
        ip=current_client_ip(),
        kind=kind,
        scope=ReadScope.LIST if query is not None else ReadScope.RECORD,
        record_ids=" ".join(str(pk) for pk in ids),
        query={key: _json_value(value) for key, value in (query or {}).items() if value not in (None, "")},
        path=path[:300],
    )
    if connection.in_atomic_block or connection.vendor != "postgresql":
        read.save(force_insert=True)
    else:
        _insert_committing_asynchronously(read)
    return read


def _insert_committing_asynchronously(read: PersonalDataRead) -> None:
    """INSERT `read` in a statement of its own (autocommit) that turns synchronous_commit off for its own
    transaction: set_config(…, is_local => true) in the SELECT the INSERT reads from, so the commit that ends the
    statement does not wait for the disk."""
    fields = [field for field in PersonalDataRead._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(PersonalDataRead._meta.db_table)
    values = [field.get_db_prep_save(field.pre_save(read, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {', '.join(['%s'] * len(fields))} "  # noqa: S608 - model's names
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit RETURNING id",
            values,
        )
        (read.id,) = cursor.fetchone()
    read._state.adding = False


def _json_value(value: Any) -> Any:
    return value if isinstance(value, bool | int | float | str) else str(value)


def purge_reads(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete the personal-data reads older than CASEWORK_READ_AUDIT_RETENTION_DAYS; how many were deleted.
    Nothing refers to these rows and no signal listens, so Django deletes them in one DELETE on the
    `created_at` index, without loading them."""
    days = settings.READ_AUDIT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _ = PersonalDataRead.objects.filter(created_at__lt=cutoff).delete()
    return deleted
