"""Reads of the case screens: the case list for the filter form's `CaseFilter` (the filters the API's list takes
too), and the case detail page's own section. No writes."""

import datetime as dt
from typing import Any

from casework.cases.filters import CaseFilter
from casework.cases.history import case_history
from casework.cases.models import Case
from casework.cases.querysets import CaseQuerySet
from casework.core.permissions import can
from casework.web.cases.forms import AssignForm, CaseEditForm, NoteForm, StatusChangeForm
from casework.web.shell import case_page
from casework.web.shell.case_page import Sent


def case_list(case_filter: CaseFilter, *, sort: str | None, today: dt.date) -> CaseQuerySet:
    """The case list's rows for the filter form's `CaseFilter`, in the sort the list asks for."""
    return case_filter.cases(today=today).for_list().sorted_by(sort or None)


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
