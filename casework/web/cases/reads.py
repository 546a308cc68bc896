"""Reads of the case screens: the case list for the filter form (a candidate for `casework.cases.querysets` once
another front door needs it too), and the case detail page's own section. No writes."""

import datetime as dt
from typing import Any

from casework.accounts.models import User
from casework.cases.history import case_history
from casework.cases.models import FINISHED_STATUS_TYPES, Case
from casework.cases.querysets import CaseQuerySet
from casework.core.permissions import can
from casework.web.cases.forms import AssignForm, CaseEditForm, NoteForm, StatusChangeForm
from casework.web.shell import case_page
from casework.web.shell.case_page import Sent
from casework.web.shell.weeks import week_end


def case_list(params: dict[str, Any], *, user: User, today: dt.date) -> CaseQuerySet:
    """The case list for the cleaned filters of the case list form (any key may be missing)."""
    assignee = params.get("assignee") or ""
    cases = Case.objects.filtered(
        case_type_id=_pk(params.get("case_type")),
        status_id=_pk(params.get("status")),
        priority=params.get("priority") or None,
        assigned_to=user.pk if assignee == "me" else (assignee if assignee not in ("", "none") else None),
        unassigned=True if assignee == "none" else None,
        assigned_team_id=_pk(params.get("team")),
        is_urgent=True if params.get("urgent") else None,
    )
    state = params.get("state") or ""
    if state == "open":
        cases = cases.open()
    elif state == "finished":
        cases = cases.filter(status__status_type__in=FINISHED_STATUS_TYPES)
    due = params.get("due") or ""
    if due == "overdue":
        cases = cases.open().filtered(due_before=today)
    elif due == "week":
        cases = cases.filter(due_date__gte=today, due_date__lte=week_end(today))
    elif due == "none":
        cases = cases.filter(due_date__isnull=True)
    return cases.search(params.get("q") or None).for_list().sorted_by(params.get("sort") or None)


def _pk(obj: Any) -> Any:
    return getattr(obj, "pk", None)


def case_section(user: Any, case: Case, sent: Sent) -> dict[str, Any]:
    """The case detail's own part: the timeline, the change history, and the forms of the case itself."""
    notes = case_page.timeline(
        user, case.notes.select_related("created_by", "previous_status", "new_status").order_by("-created_at")
    )
    return {
        "notes": notes,
        "history": case_history(case),
        "status_form": sent.get("status") or StatusChangeForm(case=case),
        "edit_form": sent.get("edit") or CaseEditForm.for_case(case),
        "note_form": sent.get("note") or NoteForm(),
        "assign_form": sent.get("assign")
        or AssignForm(
            initial={
                "assigned_to": case.assigned_to_id,
                "assigned_team": case.assigned_team_id,
                "row_version": case.row_version,
            }
        ),
        "can_change": can(user, "cases.change"),
        "can_note": can(user, "cases.add_note"),
        "can_assign": can(user, "cases.assign"),
    }
