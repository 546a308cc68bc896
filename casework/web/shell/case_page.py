"""The case detail page, put together from the sections the web areas contribute.

No one area owns the whole page: `web.cases` gives the case's own forms, history and timeline, `web.plan` the
milestones, services and related cases, `web.documents` the documents, and `web.outcomes` the outcome tags on
the timeline's notes. Each area registers its part here when its `urls` module is imported (the root URLconf
imports every area), so the areas never import each other, and every answer that shows the case (the page,
or one panel of it after a write) is built by the functions below.

A section is `section(user, case, sent)` returning its part of the template context. `sent` holds the forms a
write sent back with their errors, by key, each taking the place of the fresh form its section would show:
"status", "edit", "note", "assign" (cases), "upload", "version-<document id>" (documents), "service-new",
"service-<id>", "link" (plan).
"""

from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from casework.cases.access import get_case_for_user
from casework.cases.models import Case, CaseNote
from casework.core.errors import ConcurrentModification, DomainError
from casework.core.permissions import can
from casework.web.shell.pages import is_htmx
from casework.web.shell.service_calls import FieldNames, call_service

Sent = Mapping[str, BaseForm]
Section = Callable[[Any, Case, Sent], dict[str, Any]]
NotePart = Callable[[Any, list[CaseNote]], None]

PAGE = "web/case_detail.html"

# By name, so that importing an area twice registers its part once.
SECTIONS: dict[str, Section] = {}
NOTE_PARTS: dict[str, NotePart] = {}


def add_section(name: str, section: Section) -> None:
    """Show `section` on the case detail page (and in the panel answers that name it)."""
    SECTIONS[name] = section


def add_note_part(name: str, part: NotePart) -> None:
    """Let `part(user, notes)` add what it shows to each note of the timeline (in place)."""
    NOTE_PARTS[name] = part


def timeline(user: Any, notes: QuerySet[CaseNote]) -> list[CaseNote]:
    """The timeline's notes, each with what the note parts add to it."""
    listed = list(notes)
    for part in NOTE_PARTS.values():
        part(user, listed)
    return listed


def context(
    request: HttpRequest, case_id: UUID, *, sent: Sent | None = None, conflict: str | None = None
) -> dict[str, Any]:
    """Everything the case detail page shows of the case to the signed-in user, every section's part."""
    case = get_case_for_user(request.user, case_id, detail=True)
    page: dict[str, Any] = {"case": case, "conflict": conflict, "panel_conflict": {}}
    for section in SECTIONS.values():
        page.update(section(request.user, case, sent or {}))
    return page


def render_page(
    request: HttpRequest,
    case_id: UUID,
    *,
    status: int = 200,
    sent: Sent | None = None,
    conflict: str | None = None,
) -> HttpResponse:
    """The whole case detail page: after a refused write with the forms `sent` back, or with the conflict."""
    return render(request, PAGE, context(request, case_id, sent=sent, conflict=conflict), status=status)


def panel_answer(
    request: HttpRequest,
    case_id: UUID,
    panel: str,
    *,
    section: str,
    notice: str = "",
    sent: Sent | None = None,
    conflict: str = "",
) -> HttpResponse:
    """The answer to a write made from one panel of the page (`panel`, shown by `section`).

    For HTMX the panel alone (200 even with errors, since htmx swaps only 2xx answers), with `notice`, the forms
    `sent` back with their errors, or the conflict; for a plain post a redirect to the panel on success, else the
    whole page with a 422 or 409.
    """
    if is_htmx(request):
        case = get_case_for_user(request.user, case_id)
        answer = {
            "case": case,
            "can_change": can(request.user, "cases.change"),  # type: ignore[arg-type]
            "panel_notice": notice,
            "panel_conflict": {panel: conflict} if conflict else {},
            **SECTIONS[section](request.user, case, sent or {}),
        }
        return render(request, f"web/partials/case_{panel}.html", answer)
    if not (sent or conflict):
        messages.success(request, notice)
        return redirect(reverse("web:case_detail", args=[case_id]) + f"#{panel}")
    return render_page(request, case_id, status=409 if conflict else 422, sent=sent, conflict=conflict)


def panel_write(
    request: HttpRequest,
    case_id: UUID,
    panel: str,
    *,
    section: str,
    form: BaseForm,
    key: str,
    write: Callable[[], Any],
    notice: str,
    fields: FieldNames | None = None,
    conflicts: tuple[type[DomainError], ...] = (ConcurrentModification,),
    passes: tuple[type[DomainError], ...] = (),
) -> HttpResponse:
    """A write sent from a panel's `form`: when the form is valid, `write` (one service call); then the panel
    answer with `notice`, with the conflict, or with the form sent back as `key` with its errors."""
    if form.is_valid():
        called = call_service(form, write, fields=fields, conflicts=conflicts, passes=passes)
        if called.conflict:
            return panel_answer(request, case_id, panel, section=section, conflict=called.conflict)
        if called.ok:
            return panel_answer(request, case_id, panel, section=section, notice=notice)
    return panel_answer(request, case_id, panel, section=section, sent={key: form})
