"""Which domain events put something in whose inbox."""

from typing import Any

from django.utils.translation import gettext as _

from casework.core.events import subscribe
from casework.notifications.services import mark_target_read, notify


@subscribe("case.assigned")
def notify_new_assignee(*, case: Any, actor: Any, assignee: Any = None, **_: Any) -> None:
    if assignee is not None and assignee != actor:
        notify(
            recipient=assignee,
            kind="case.assigned",
            title=f"{case.case_number} was assigned to you",
            body=case.title,
            target=case,
            data={"case_number": case.case_number},
            event_key=f"case.assigned:{case.pk}:{case.row_version}",
        )


@subscribe("case.status_changed")
def notify_assignee_of_status(*, case: Any, actor: Any, previous: Any, target: Any, **_: Any) -> None:
    assignee = case.assigned_to
    if assignee is not None and assignee != actor:
        notify(
            recipient=assignee,
            kind="case.status_changed",
            title=f"{case.case_number} moved from {previous.name} to {target.name}",
            body=case.title,
            target=case,
            data={"case_number": case.case_number, "from": previous.name, "to": target.name},
            event_key=f"case.status_changed:{case.pk}:{case.row_version}",
        )


def _notify_consultant(case: Any, *, actor: Any) -> None:
    farm = case.farm
    notify(
        recipient=case.consultant,
        kind="naturecheck.case_assigned",
        title=_("Nature Check case for %(farm)s") % {"farm": farm.name},
        body=case.notes,
        target=case,
        data={
            "case_id": str(case.pk),
            "farm_id": str(farm.pk),
            "farm_name": farm.name,
            "cvr": farm.cvr,
            "priority": case.priority,
            "notes": case.notes,
            "assigned_at": case.assigned_at.isoformat(),
            "assigned_by": actor.full_name or actor.email,
        },
        event_key=f"naturecheck.case_assigned:{case.pk}:{case.row_version}",
    )


@subscribe("naturecheck.case_assigned")
def notify_assigned_consultant(*, case: Any, actor: Any, **_: Any) -> None:
    _notify_consultant(case, actor=actor)


@subscribe("naturecheck.consultant_changed")
def hand_over_to_new_consultant(*, case: Any, actor: Any, previous_consultant_id: Any, **_: Any) -> None:
    """The previous consultant's notifications about the case are done with; the new one gets the assignment."""
    mark_target_read(recipient_id=previous_consultant_id, target=case)
    _notify_consultant(case, actor=actor)
