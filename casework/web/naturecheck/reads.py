"""Reads the Nature Check screens need beyond the domain querysets: the consultant's inbox. No writes."""

from typing import Any

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from casework.naturecheck.history import case_history
from casework.naturecheck.models import NatureCheckCase, Priority
from casework.notifications.models import Notification

ASSIGNED_KIND = "naturecheck.case_assigned"


INBOX_SHOWS = ("open", "finished")


def inbox(user: Any, show: str = "open") -> tuple[QuerySet[Notification], dict[str, int]]:
    """The user's Nature Check task notifications, newest first: `open` ones about a case still theirs and
    active, or `finished` ones (the case was completed, cancelled or reassigned), and how many there are of each.
    Three queries."""
    every = Notification.objects.filter(recipient=user, kind=ASSIGNED_KIND).order_by("-created_at", "-id")
    # target_id is text, so the open cases' ids are compared as text (a consultant has few open cases).
    open_ids = [
        str(pk)
        for pk in NatureCheckCase.objects.visible_to(user)
        .filter(consultant_id=getattr(user, "pk", None))
        .active()
        .values_list("pk", flat=True)
    ]
    open_ones = every.filter(target_id__in=open_ids)
    counts = {"open": open_ones.count(), "finished": every.exclude(target_id__in=open_ids).count()}
    return (open_ones if show == "open" else every.exclude(target_id__in=open_ids)), counts


def inbox_rows(user: Any, notifications: list[Notification]) -> list[dict[str, Any]]:
    """One row per notification (farm, priority, notes, assigned at) with the case as it is now, when the
    user may still see it (a case reassigned to someone else is no longer theirs). Two queries in all."""
    ids = [n.target_id for n in notifications if n.target_id]
    cases = {
        str(case.pk): case
        for case in NatureCheckCase.objects.visible_to(user).filter(pk__in=ids).select_related("farm")
    }
    rows = []
    for notification in notifications:
        data = notification.data or {}
        priority = data.get("priority")
        rows.append(
            {
                "notification": notification,
                "farm": data.get("farm_name", ""),
                "cvr": data.get("cvr", ""),
                "priority": priority,
                "priority_label": Priority(priority).label if priority in Priority.values else "",
                "notes": data.get("notes", ""),
                "assigned_at": parse_datetime(data.get("assigned_at") or "") or notification.created_at,
                "case": cases.get(notification.target_id),
            }
        )
    return rows


def with_assignments(cases: list[NatureCheckCase]) -> list[NatureCheckCase]:
    """The farm's cases, each with `assignments`: every consultant it was assigned to, oldest first, with when
    and by whom, read from the case history (a reassignment changes the case's consultant in place, so the case
    row alone names only the latest). A few queries per case; a farm has few cases."""
    for case in cases:
        steps = []
        for entry in reversed(case_history(case)):
            for change in entry["changes"]:
                if change["field"] == "consultant" and change["new"]:
                    by = entry["changed_by"]
                    steps.append(
                        {
                            "consultant": change["new"]["name"],
                            "at": entry["changed_at"],
                            "by": (by.full_name or by.email) if by else "",
                            "reassigned": change["old"] is not None,
                        }
                    )
        case.assignments = steps  # type: ignore[attr-defined]
    return cases
