"""The one write path of a case row: the case services insert, change, touch and delete cases only through here.

Whatever writes a case keeps, in the same transaction:
- the optimistic version: a changed case was locked with the version its writer read (`lock_case`), and its
  `row_version` grows by one with every change;
- the change log: the django-simple-history row names the actor (and the reason, where one is given);
- the case tally (`casework.cases.tallies`): the case's share moves from what it was to what it is now.
The search rows follow every case write by database triggers (migration 0005), so nothing here writes them.

`insert_case` and `write_case` add the case's row, its history row and its tally move to the caller's
`Writes` (casework.core.writes), which sends them with the use case's timeline note and audit event: on
PostgreSQL one statement for all of them.
"""

from typing import Any
from uuid import UUID

from django.utils import timezone

from casework.accounts.models import User
from casework.cases import errors, tallies
from casework.cases.models import Case
from casework.core.concurrency import apply_changes, lock_for_write
from casework.core.errors import NotFound
from casework.core.writes import Writes

# Stamped by every change, besides the fields changed.
BOOKKEEPING_FIELDS = ("modified_by", "row_version", "updated_at")
# The case's fields its history rows copy (all but `updated_at`, which the history leaves out).
_HISTORY_MODEL: Any = Case.history.model
_HISTORY_FIELDS = [
    f.attname
    for f in _HISTORY_MODEL._meta.concrete_fields
    if f.attname in {c.attname for c in Case._meta.concrete_fields}
]


def lock_case(case_id: UUID, *, expected_version: int | None = None) -> Case:
    """The case, row-locked until the transaction ends (409 when `expected_version` is stale, 404 when gone).

    Must run inside `transaction.atomic()`.
    """
    try:
        return lock_for_write(Case.objects.all(), case_id, expected_version=expected_version)
    except NotFound:
        raise errors.CASE_NOT_FOUND() from None


def history_row(case: Case, *, history_type: str, actor: User | None, reason: str | None = None) -> Any:
    """The django-simple-history row of the case as it is now, as its `post_save` handler would write it."""
    return _HISTORY_MODEL(
        history_date=timezone.now(),
        history_type=history_type,
        history_user=actor,
        history_change_reason=reason,
        **{name: getattr(case, name) for name in _HISTORY_FIELDS},
    )


def insert_case(case: Case, *, actor: User, writes: Writes) -> None:
    """Insert a new, unsaved case, with `actor` in its first history row, and count it in the tally."""
    writes.insert(case)
    writes.insert(history_row(case, history_type="+", actor=actor))
    _tally(writes, case, None, tallies.share_of(case))


def write_case(
    case: Case, changes: dict[str, Any], *, actor: User, writes: Writes, reason: str | None = None
) -> dict[str, tuple[Any, Any]]:
    """Set `changes` on a case locked by `lock_case` and write exactly those fields with the bookkeeping ones.

    The version grows by one, `modified_by` and the history row name `actor` (the history row also `reason`,
    when given), and the case's share of the tally moves with it. Returns {field: (old, new)} for the values
    that really changed.
    """
    counted = tallies.share_of(case)
    changed = apply_changes(case, changes)
    case.modified_by = actor
    case.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    writes.update(case, [*changes, *BOOKKEEPING_FIELDS])
    writes.insert(history_row(case, history_type="~", actor=actor, reason=reason))
    _tally(writes, case, counted, tallies.share_of(case))
    return changed


def _tally(writes: Writes, case: Case, before: tallies.Share | None, after: tallies.Share | None) -> None:
    statement = tallies.record_statement(before, after, shard=tallies.shard_of(case.pk))
    if statement is not None:
        writes.sql(*statement)


def touch_case(case: Case, *, writes: Writes) -> None:
    """Mark a case as updated now (its timeline grew): no new version or history row, nothing counted moves."""
    writes.update(case, ["updated_at"])


def remove_case(case: Case) -> None:
    """Delete a case locked by `lock_case` (its notes, documents and history rows go with it) and uncount it."""
    tallies.record(tallies.share_of(case), None, shard=tallies.shard_of(case.pk))
    case.delete()
