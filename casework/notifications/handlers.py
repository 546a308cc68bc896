"""Which domain events put something in whose inbox."""

from typing import Any

from casework.core.events import subscribe
from casework.notifications.services import notify


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
