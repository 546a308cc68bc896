"""A case's milestones: added, changed (completing and re-opening), removed and reordered, each write audited
on the case. Writes that decide on the case's milestones as a whole lock the case first."""

import datetime as dt
from collections import Counter
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases.plan import errors
from casework.cases.plan.models import CaseMilestone
from casework.cases.plan.services.cases import audited_case, locked_case
from casework.cases.plan.services.values import required_text
from casework.core.concurrency import apply_changes, lock_for_write
from casework.core.errors import FIELD_NOT_CHANGEABLE, MUST_NOT_BE_NEGATIVE

MILESTONE_FIELDS = {"milestone_name", "description", "due_date", "is_completed", "completed_date"}


def _completion_date(
    *, is_completed: bool, given: dt.date | None, current: dt.date | None, today: dt.date
) -> dt.date | None:
    """The completion date a milestone ends up with: today (or the date given) when it is completed, the date
    it already had when it stays completed, none when it is open."""
    if not is_completed:
        if given is not None:
            raise errors.NOT_COMPLETED()
        return None
    date = given or current or today
    if date > today:
        raise errors.DATE_IN_FUTURE()
    return date


@transaction.atomic
def add_milestone(
    *,
    actor: User,
    case_id: UUID,
    milestone_name: str,
    description: str = "",
    due_date: dt.date | None = None,
    is_completed: bool = False,
    completed_date: dt.date | None = None,
    sort_order: int | None = None,
) -> CaseMilestone:
    """Add a milestone to a case's plan, by default after the last one.

    A completed milestone gets today as its completion date unless one is given (not in the future).
    """
    case = locked_case(case_id)  # serializes with reordering, so a reorder always sees every milestone
    if sort_order is None:
        last = CaseMilestone.objects.filter(case=case).aggregate(last=Max("sort_order"))["last"]
        sort_order = 0 if last is None else last + 1
    elif sort_order < 0:
        raise MUST_NOT_BE_NEGATIVE(field="sort_order")
    milestone = CaseMilestone(
        case=case,
        milestone_name=required_text(milestone_name, "milestone_name"),
        description=description or "",
        due_date=due_date,
        is_completed=is_completed,
        completed_date=_completion_date(
            is_completed=is_completed, given=completed_date, current=None, today=timezone.localdate()
        ),
        sort_order=sort_order,
        created_by=actor,
    )
    milestone.save(force_insert=True)
    record_event(
        actor=actor,
        verb="case.milestone_added",
        target=case,
        data={"milestone_id": str(milestone.pk), "milestone_name": milestone.milestone_name},
    )
    return milestone


@transaction.atomic
def update_milestone(
    milestone_id: UUID, *, actor: User, changes: dict[str, Any], expected_version: int | None = None
) -> CaseMilestone:
    """Change the fields given. Completing sets the completion date (today unless given), re-opening clears it.
    With `expected_version`, a milestone changed since is refused (409)."""
    milestone = lock_for_write(CaseMilestone.objects.all(), milestone_id, expected_version=expected_version)
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise FIELD_NOT_CHANGEABLE(field=sorted(unknown)[0])
    changes = dict(changes)
    if "milestone_name" in changes:
        changes["milestone_name"] = required_text(changes["milestone_name"], "milestone_name")
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    was_completed = milestone.is_completed
    is_completed = changes.get("is_completed", was_completed)
    changes["is_completed"] = is_completed
    changes["completed_date"] = _completion_date(
        is_completed=is_completed,
        given=changes.get("completed_date"),
        current=milestone.completed_date,
        today=timezone.localdate(),
    )
    changed = apply_changes(milestone, changes)
    if not changed:
        return milestone
    milestone.row_version += 1  # the row is locked, so this cannot lose a concurrent increment
    milestone.save(update_fields=[*changed, "row_version", "updated_at"])
    if is_completed and not was_completed:
        verb = "case.milestone_completed"
    elif was_completed and not is_completed:
        verb = "case.milestone_reopened"
    else:
        verb = "case.milestone_updated"
    record_event(
        actor=actor,
        verb=verb,
        target=audited_case(milestone.case_id),
        data={"milestone_id": str(milestone.pk), "fields": sorted(changed)},
    )
    return milestone


@transaction.atomic
def remove_milestone(milestone_id: UUID, *, actor: User) -> None:
    """Delete a milestone; the others keep their order."""
    milestone = lock_for_write(CaseMilestone.objects.all(), milestone_id)
    record_event(
        actor=actor,
        verb="case.milestone_removed",
        target=audited_case(milestone.case_id),
        data={"milestone_id": str(milestone.pk), "milestone_name": milestone.milestone_name},
    )
    milestone.delete()


@transaction.atomic
def reorder_milestones(*, actor: User, case_id: UUID, ordered_ids: list[UUID]) -> list[CaseMilestone]:
    """Put a case's milestones in the given order, all or nothing.

    `ordered_ids` names every milestone of the case exactly once (else 422 duplicate_id, unknown_id or
    incomplete_order). The case and its milestones stay locked until the new order is written. The position
    is not an edit of a milestone's content, so `row_version` stays as it is.
    """
    case = locked_case(case_id)
    milestones = {m.pk: m for m in CaseMilestone.objects.select_for_update().filter(case=case)}
    duplicates = sorted(str(pk) for pk, n in Counter(ordered_ids).items() if n > 1)
    if duplicates:
        raise errors.DUPLICATE_ID(
            ids=duplicates,
        )
    unknown = sorted(str(pk) for pk in ordered_ids if pk not in milestones)
    if unknown:
        raise errors.UNKNOWN_ID(ids=unknown)
    missing = sorted(str(pk) for pk in milestones.keys() - set(ordered_ids))
    if missing:
        raise errors.INCOMPLETE_ORDER(
            ids=missing,
        )
    now = timezone.now()
    moved = []
    for position, pk in enumerate(ordered_ids):
        milestone = milestones[pk]
        if milestone.sort_order != position:
            milestone.sort_order = position
            milestone.updated_at = now
            moved.append(milestone)
    CaseMilestone.objects.bulk_update(moved, ["sort_order", "updated_at"])
    record_event(
        actor=actor,
        verb="case.milestones_reordered",
        target=case,
        data={"ordered_ids": [str(pk) for pk in ordered_ids]},
    )
    return [milestones[pk] for pk in ordered_ids]
