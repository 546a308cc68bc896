"""The case list (filters, search, sort, pages, bulk assign), the case detail page with its own forms (status,
details, notes, assignment), intake (the contact, the case type, its questions), and the contact pages."""

from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.audit.services import record_read
from casework.cases import services
from casework.cases.access import get_case_for_user, record_clients_read
from casework.cases.models import Case, CaseType
from casework.cases.services import assignment
from casework.contacts.matching import possible_matches
from casework.contacts.models import Contact
from casework.contacts.services import create_contact
from casework.core.permissions import can
from casework.web.cases import reads
from casework.web.cases.forms import (
    AssignForm,
    BulkAssignForm,
    CaseEditForm,
    CaseFilterForm,
    ContactInlineForm,
    IntakeForm,
    NoteForm,
    StatusChangeForm,
)
from casework.web.shell import case_page
from casework.web.shell.pages import is_htmx, staff_page
from casework.web.shell.service_calls import call_service

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
    case_filter = form.case_filter(user=request.user)  # type: ignore[arg-type]
    cases = reads.case_list(case_filter, sort=params.get("sort"), today=timezone.localdate())
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


def _record_list_read(request: HttpRequest, context: dict[str, Any], query: QueryDict) -> None:
    """A page of the case list names its clients: one read record, the page's contacts and the query."""
    record_clients_read(request.user, context["page"], query=query.dict(), path=request.path)


@require_GET
@staff_page("cases.view")
def case_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request, request.GET)
    _record_list_read(request, context, request.GET)
    template = "web/partials/case_results.html" if is_htmx(request) else "web/case_list.html"
    return render(request, template, context)


@require_POST
@staff_page("cases.assign")
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """Assign each chosen case on its own (each assignment is atomic); report the outcome per row."""
    form = BulkAssignForm(request.POST)
    outcomes: dict[str, str] = {}
    if form.is_valid():
        data = form.cleaned_data
        for case in data["cases"]:
            called = call_service(
                None,
                partial(
                    assignment.assign_case,
                    case.pk,
                    actor=request.user,  # type: ignore[arg-type]
                    assigned_to=getattr(data["assigned_to"], "pk", None),
                    assigned_team_id=getattr(data.get("assigned_team"), "pk", None),
                    reason=data["reason"],
                ),
                conflicts=(),
            )
            outcomes[str(case.pk)] = called.message
        done = sum(1 for message in outcomes.values() if not message)
        messages.success(
            request, _("%(n)s of %(total)s cases assigned.") % {"n": done, "total": len(outcomes)}
        )
    query = QueryDict(request.POST.get("query", ""))
    context = _list_context(request, query)
    _record_list_read(request, context, query)
    context.update(assign_form=form, outcomes=outcomes)
    template = "web/partials/case_results.html" if is_htmx(request) else "web/case_list.html"
    return render(request, template, context, status=200 if form.is_valid() or is_htmx(request) else 422)


@require_GET
@staff_page("cases.view")
def case_detail(request: HttpRequest, case_id: UUID) -> HttpResponse:
    page = case_page.context(request, case_id)
    # The page names the client: a read of their record, as the case lists record theirs.
    record_clients_read(request.user, [page["case"]], path=request.path)
    return render(request, case_page.PAGE, page)


@require_GET
@staff_page("cases.change")
def status_form(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The status form again for the target just picked: it asks for a reason where that target needs one."""
    case = get_case_for_user(request.user, case_id, permission="cases.change", detail=True)
    initial = {k: v for k, v in request.GET.items() if k in ("new_status", "reason", "notes", "row_version")}
    form = StatusChangeForm(initial=initial, case=case)
    return render(request, "web/partials/status_form.html", {"case": case, "status_form": form})


def _detail_write(
    request: HttpRequest,
    case_id: UUID,
    form: Form,
    key: str,
    write: Callable[[], Any],
    *,
    notice: str,
    fields: dict[str, str] | None = None,
    keep_form_on_conflict: bool = False,
) -> HttpResponse:
    """A write sent from one of the case detail's own forms (`key` in the page's `sent`): when the form is valid,
    `write` (one service call), then back to the case with `notice`; else the page with the errors (422) or
    the conflict (409)."""
    if form.is_valid():
        called = call_service(form, write, fields=fields)
        if called.conflict:
            sent = {key: form} if keep_form_on_conflict else None
            return case_page.render_page(request, case_id, status=409, sent=sent, conflict=called.conflict)
        if called.ok:
            messages.success(request, notice)
            return redirect("web:case_detail", case_id=case_id)
    return case_page.render_page(request, case_id, status=422, sent={key: form})


@require_POST
@staff_page("cases.change")
def change_status(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.change", detail=True)
    form = StatusChangeForm(request.POST, case=case)
    return _detail_write(
        request,
        case.pk,
        form,
        "status",
        lambda: services.change_case_status(
            case.pk,
            actor=request.user,  # type: ignore[arg-type]
            new_status_id=form.cleaned_data["new_status"].pk,
            reason=form.cleaned_data["reason"],
            notes=form.cleaned_data["notes"],
            expected_version=form.cleaned_data["row_version"],
        ),
        notice=_("Status changed."),
        fields={"new_status_id": "new_status"},
    )


@require_POST
@staff_page("cases.change")
def edit_case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = CaseEditForm(request.POST)
    return _detail_write(
        request,
        case.pk,
        form,
        "edit",
        lambda: services.update_case(
            case.pk,
            actor=request.user,  # type: ignore[arg-type]
            changes=form.changes(),
            expected_version=form.cleaned_data["row_version"],
        ),
        notice=_("Case saved."),
        keep_form_on_conflict=True,
    )


@require_POST
@staff_page("cases.add_note")
def add_note(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.add_note")
    form = NoteForm(request.POST)
    if form.is_valid():
        called = call_service(
            form,
            lambda: services.add_note(actor=request.user, case_id=case.pk, **form.cleaned_data),  # type: ignore[arg-type]
            conflicts=(),
        )
        if called.ok:
            if is_htmx(request):
                return render(request, "web/partials/timeline.html", case_page.context(request, case_id))
            messages.success(request, _("Note added."))
            return redirect("web:case_detail", case_id=case.pk)
    if is_htmx(request):
        context = case_page.context(request, case_id, sent={"note": form})
        return render(request, "web/partials/timeline.html", context)
    return case_page.render_page(request, case_id, status=422, sent={"note": form})


@require_POST
@staff_page("cases.assign")
def assign(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, permission="cases.assign")
    form = AssignForm(request.POST)
    return _detail_write(
        request,
        case.pk,
        form,
        "assign",
        lambda: assignment.assign_case(
            case.pk,
            actor=request.user,  # type: ignore[arg-type]
            assigned_to=getattr(form.cleaned_data["assigned_to"], "pk", None),
            assigned_team_id=getattr(form.cleaned_data.get("assigned_team"), "pk", None),
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["row_version"],
        ),
        notice=_("Assignment saved."),
        fields={"assigned_team_id": "assigned_team"},
    )


# --- intake -------------------------------------------------------------------------------------------------

CONTACT_RESULTS = 10


def _case_type(pk: Any) -> CaseType | None:
    return CaseType.objects.filter(pk=pk, is_active=True).first() if pk else None


def _contact(pk: Any) -> Contact | None:
    try:
        return Contact.objects.filter(pk=pk).first() if pk else None
    except (ValueError, ValidationError):
        return None


def _page(request: HttpRequest, form: IntakeForm, *, status: int = 200, **extra: Any) -> HttpResponse:
    chosen = _contact(form["contact"].value())
    context = {
        "form": form,
        "chosen_contact": chosen,
        "contacts": [chosen] if chosen else [],
        "contact_form": ContactInlineForm(),
        **extra,
    }
    return render(request, "web/intake.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page("cases.create")
def new_case(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        case_type = _case_type(request.GET.get("case_type"))
        initial = {"contact": request.GET.get("contact"), "case_type": case_type}
        return _page(request, IntakeForm(initial=initial, case_type=case_type))
    form = IntakeForm(request.POST, case_type=_case_type(request.POST.get("case_type")))
    if form.is_valid():
        data = form.cleaned_data
        called = call_service(
            form,
            lambda: services.open_case(
                actor=request.user,  # type: ignore[arg-type]
                contact_id=data["contact"].pk,
                case_type_id=data["case_type"].pk,
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                source=data["source"],
                referral_source=data["referral_source"],
                due_date=data["due_date"],
                is_urgent=data["is_urgent"],
                intake_data=form.intake_data(),
            ),
            fields=form.service_fields,
            conflicts=(),
        )
        if called.value is not None:
            case = called.value
            messages.success(request, _("Case %(number)s opened.") % {"number": case.case_number})
            return redirect("web:case_detail", case_id=case.pk)
    return _page(request, form, status=422)


@require_GET
@staff_page("cases.create")
def intake_fields(request: HttpRequest) -> HttpResponse:
    """The intake questions of the case type just picked (an HTMX fragment of the intake form)."""
    form = IntakeForm(case_type=_case_type(request.GET.get("case_type")))
    return render(request, "web/partials/intake_fields.html", {"form": form})


# What the new contact's fields are compared on (casework.contacts.matching).
MATCHED_FIELDS = ("first_name", "last_name", "email", "phone", "date_of_birth")


@require_GET
@staff_page("contacts.view")
def contact_search(request: HttpRequest) -> HttpResponse:
    """Contacts matching what was typed so far, as radio buttons of the intake form."""
    text = (request.GET.get("contact_q") or "").strip()
    contacts = list(Contact.objects.search(text)[:CONTACT_RESULTS]) if text else []
    if contacts:
        record_read(
            actor=request.user, kind="contact", ids=[c.pk for c in contacts], query={"search": text},
            path=request.path,
        )  # fmt: skip
    context = {"contacts": contacts, "searched": text, "chosen_contact": None}
    return render(request, "web/partials/contact_results.html", context)


@require_GET
@staff_page("contacts.view")
def contact_matches(request: HttpRequest) -> HttpResponse:
    """Contacts who may be the person being registered, as they type (an HTMX fragment beside the new
    contact's fields): choosing one uses the existing contact; creating anyway stays possible."""
    typed = {name: (request.GET.get(f"new_contact-{name}") or "").strip() for name in MATCHED_FIELDS}
    try:
        born = parse_date(typed.pop("date_of_birth"))
    except ValueError:  # a half-typed date: match on the rest
        born = None
    matches = (
        possible_matches(
            first_name=typed["first_name"],
            last_name=typed["last_name"],
            email=typed["email"],
            phone=typed["phone"],
            date_of_birth=born,
        )
        if any(typed.values())
        else []
    )
    if matches:
        record_read(
            actor=request.user, kind="contact", ids=[m.contact.pk for m in matches],
            query={**typed, "date_of_birth": born}, path=request.path,
        )  # fmt: skip
    context = {"matches": matches, "contacts": [], "chosen_contact": None}
    return render(request, "web/partials/contact_results.html", context)


@require_POST
@staff_page("contacts.create")
def contact_create(request: HttpRequest) -> HttpResponse:
    """Register a new client from the intake form; the answer is the picker with that contact chosen."""
    form = ContactInlineForm(request.POST)
    if not form.is_valid():
        return render(request, "web/partials/contact_picker.html", {"contact_form": form, "contacts": []})
    contact = create_contact(actor=request.user, **form.cleaned_data)
    context = {
        "contact_form": ContactInlineForm(),
        "contacts": [contact],
        "chosen_contact": contact,
        "created": True,
    }
    return render(request, "web/partials/contact_picker.html", context)


# --- contacts -----------------------------------------------------------------------------------------------


@require_GET
@staff_page("contacts.view")
def contact_detail(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise Http404("Contact not found")
    cases = Case.objects.filtered(contact_id=contact.pk).for_list().sorted_by("-created_at")
    record_read(actor=request.user, kind="contact", ids=[contact.pk], path=request.path)
    return render(request, "web/contact_detail.html", {"contact": contact, "cases": cases})
