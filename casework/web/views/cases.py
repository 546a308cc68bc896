"""The case list (filters, search, sort, pages, bulk assign) and the case detail page with its forms."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases import services
from casework.cases.access import get_case_for_user
from casework.cases.history import case_history
from casework.cases.services import assignment
from casework.core.errors import ConcurrentModification, DomainError
from casework.core.permissions import can
from casework.web import reads
from casework.web.domain_messages import add_to_form, translated
from casework.web.forms import (
    AssignForm,
    BulkAssignForm,
    CaseEditForm,
    CaseFilterForm,
    NoteForm,
    StatusChangeForm,
)
from casework.web.reads_panels import case_panels
from casework.web.views.base import is_htmx, staff_page
from casework.web.views.outcomes import timeline_notes

PAGE_SIZE = 25
SORTABLE = ["case_number", "title", "status", "priority", "due_date", "created_at"]


def _sort_links(current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the sort a click on its header asks for, and its aria-sort state."""
    links = {}
    for key in SORTABLE:
        state = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
        links[key] = {"next": f"-{key}" if state == "ascending" else key, "aria": state}
    return links


def _list_context(request: HttpRequest, query: QueryDict) -> dict[str, Any]:
    form = CaseFilterForm(query)
    form.is_valid()  # an invalid filter value is ignored, the others still apply
    params = form.cleaned_data
    cases = reads.case_list(params, user=request.user, today=timezone.localdate())  # type: ignore[arg-type]
    page = Paginator(cases, PAGE_SIZE).get_page(query.get("page"))
    return {
        "form": form,
        "page": page,
        "sort": _sort_links(params.get("sort") or "-created_at"),
        "query": query.urlencode(),
        "params": query,
        "can_assign": can(request.user, "cases.assign"),  # type: ignore[arg-type]
        "assign_form": BulkAssignForm(),
    }


@require_GET
@staff_page("cases.view")
def case_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request, request.GET)
    template = "web/partials/case_results.html" if is_htmx(request) else "web/case_list.html"
    return render(request, template, context)


@require_POST
@staff_page("cases.assign")
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """Assign each chosen case on its own (each assignment is atomic); report the outcome per row."""
    form = BulkAssignForm(request.POST)
    outcomes: dict[str, str] = {}
    if form.is_valid():
        for case in form.cleaned_data["cases"]:
            try:
                assignment.assign_case(
                    case.pk,
                    actor=request.user,  # type: ignore[arg-type]
                    assigned_to=getattr(form.cleaned_data["assigned_to"], "pk", None),
                    assigned_team_id=getattr(form.cleaned_data["assigned_team"], "pk", None),
                    reason=form.cleaned_data["reason"],
                )
                outcomes[str(case.pk)] = ""
            except DomainError as exc:
                outcomes[str(case.pk)] = translated(exc)
        done = sum(1 for message in outcomes.values() if not message)
        messages.success(
            request, _("%(n)s of %(total)s cases assigned.") % {"n": done, "total": len(outcomes)}
        )
    context = _list_context(request, QueryDict(request.POST.get("query", "")))
    context.update(assign_form=form, outcomes=outcomes)
    template = "web/partials/case_results.html" if is_htmx(request) else "web/case_list.html"
    return render(request, template, context, status=200 if form.is_valid() or is_htmx(request) else 422)


def _detail_context(request: HttpRequest, case_id: UUID, **forms: Any) -> dict[str, Any]:
    case = get_case_for_user(request.user, case_id, detail=True)
    user: Any = request.user
    notes = timeline_notes(
        user, case.notes.select_related("created_by", "previous_status", "new_status").order_by("-created_at")
    )
    return {
        "case": case,
        "notes": notes,
        "history": case_history(case),
        "status_form": forms.get("status_form") or StatusChangeForm(case=case),
        "edit_form": forms.get("edit_form") or CaseEditForm.for_case(case),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            initial={
                "assigned_to": case.assigned_to_id,
                "assigned_team": case.assigned_team_id,
                "row_version": case.row_version,
            }
        ),
        "conflict": forms.get("conflict"),
        "can_change": can(user, "cases.change"),
        "can_note": can(user, "cases.add_note"),
        "can_assign": can(user, "cases.assign"),
        **case_panels(user, case, upload_form=forms.get("upload_form")),
    }


def _detail_again(request: HttpRequest, case_id: UUID, status: int, **forms: Any) -> HttpResponse:
    return render(request, "web/case_detail.html", _detail_context(request, case_id, **forms), status=status)


@require_GET
@staff_page("cases.view")
def case_detail(request: HttpRequest, case_id: UUID) -> HttpResponse:
    return render(request, "web/case_detail.html", _detail_context(request, case_id))


@require_GET
@staff_page("cases.change")
def status_form(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The status form again for the target just picked: it asks for a reason where that target needs one."""
    case = get_case_for_user(request.user, case_id, permission="cases.change", detail=True)
    initial = {k: v for k, v in request.GET.items() if k in ("new_status", "reason", "notes", "row_version")}
    form = StatusChangeForm(initial=initial, case=case)
    return render(request, "web/partials/status_form.html", {"case": case, "status_form": form})


@require_POST
@staff_page("cases.change")
def change_status(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.change", detail=True)
    form = StatusChangeForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.change_case_status(
                case.pk,
                actor=request.user,  # type: ignore[arg-type]
                new_status_id=form.cleaned_data["new_status"].pk,
                reason=form.cleaned_data["reason"],
                notes=form.cleaned_data["notes"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentModification as exc:
            return _detail_again(request, case_id, 409, conflict=translated(exc))
        except DomainError as exc:
            add_to_form(form, exc, {"new_status_id": "new_status"})
        else:
            messages.success(request, _("Status changed."))
            return redirect("web:case_detail", case_id=case.pk)
    return _detail_again(request, case_id, 422, status_form=form)


@require_POST
@staff_page("cases.change")
def edit_case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = CaseEditForm(request.POST)
    if form.is_valid():
        try:
            services.update_case(
                case.pk,
                actor=request.user,  # type: ignore[arg-type]
                changes=form.changes(),
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentModification as exc:
            return _detail_again(request, case_id, 409, edit_form=form, conflict=translated(exc))
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Case saved."))
            return redirect("web:case_detail", case_id=case.pk)
    return _detail_again(request, case_id, 422, edit_form=form)


@require_POST
@staff_page("cases.add_note")
def add_note(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.add_note")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(actor=request.user, case_id=case.pk, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            if is_htmx(request):
                context = _detail_context(request, case_id)
                return render(request, "web/partials/timeline.html", context)
            messages.success(request, _("Note added."))
            return redirect("web:case_detail", case_id=case.pk)
    if is_htmx(request):
        return render(
            request, "web/partials/timeline.html", _detail_context(request, case_id, note_form=form)
        )
    return _detail_again(request, case_id, 422, note_form=form)


@require_POST
@staff_page("cases.assign")
def assign(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.assign")
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            assignment.assign_case(
                case.pk,
                actor=request.user,  # type: ignore[arg-type]
                assigned_to=getattr(form.cleaned_data["assigned_to"], "pk", None),
                assigned_team_id=getattr(form.cleaned_data["assigned_team"], "pk", None),
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentModification as exc:
            return _detail_again(request, case_id, 409, conflict=translated(exc))
        except DomainError as exc:
            add_to_form(form, exc, {"assigned_team_id": "assigned_team"})
        else:
            messages.success(request, _("Assignment saved."))
            return redirect("web:case_detail", case_id=case.pk)
    return _detail_again(request, case_id, 422, assign_form=form)
