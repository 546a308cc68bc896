"""The one write path of a case row: the case services insert, change, touch and delete cases only through here.

Whatever writes a case keeps, in the same transaction:
- the optimistic version: a changed case was locked with the version its writer read (`lock_case`), and its
  `row_version` grows by one with every change;
- the change log: the django-simple-history row names the actor (and the reason, where one is given);
- the case tally (`casework.cases.tallies`): the case's share moves from what it was to what it is now.
The search rows follow every case write by database triggers (migration 0005), so nothing here writes them.
"""

from typing import Any
from uuid import UUID

from django.utils import timezone

from casework.accounts.models import User
from casework.cases import tallies
from casework.cases.models import Case
from casework.core.concurrency import apply_changes, lock_for_write

# Stamped by every change, besides the fields changed.
BOOKKEEPING_FIELDS = ("modified_by", "row_version", "updated_at")


def lock_case(case_id: UUID, *, expected_version: int | None = None) -> Case:
    """The case, row-locked until the transaction ends (409 when `expected_version` is stale, 404 when gone).

    Must run inside `transaction.atomic()`.
    """
    return lock_for_write(Case.objects.all(), case_id, expected_version=expected_version)


def insert_case(case: Case, *, actor: User) -> None:
    """Insert a new, unsaved case, with `actor` in its first history row, and count it in the tally."""
    case._history_user = actor  # type: ignore[attr-defined]
    case.save(force_insert=True)
    tallies.record(None, tallies.share_of(case))


def write_case(
    case: Case, changes: dict[str, Any], *, actor: User, reason: str | None = None
) -> dict[str, tuple[Any, Any]]:
    """Set `changes` on a case locked by `lock_case` and save exactly those fields with the bookkeeping ones.

    The version grows by one, `modified_by` and the history row name `actor` (the history row also `reason`,
    when given), and the case's share of the tally moves with it. Returns {field: (old, new)} for the values
    that really changed.
    """
    counted = tallies.share_of(case)
    changed = apply_changes(case, changes)
    case.modified_by = actor
    case.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    case._history_user = actor  # type: ignore[attr-defined]
    if reason is not None:
        case._change_reason = reason  # type: ignore[attr-defined]
    case.save(update_fields=[*changes, *BOOKKEEPING_FIELDS])
    tallies.record(counted, tallies.share_of(case))
    return changed


def touch_case(case: Case) -> None:
    """Mark a case as updated now (its timeline grew): no new version or history row, nothing counted moves."""
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())


def remove_case(case: Case) -> None:
    """Delete a case locked by `lock_case` (its notes, documents and history rows go with it) and uncount it."""
    tallies.record(tallies.share_of(case), None)
    case.delete()
