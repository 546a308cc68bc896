"""Nature Check screens (Danish unless the user picked a language): farms, the farm dialogs, assigning and
updating a farm's case, and the consultant's inbox. Every write is one call to `casework.naturecheck.services`.
"""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.audit.services import record_read
from casework.core.errors import ConcurrentModification, Conflict, NotFound
from casework.core.permissions import can
from casework.naturecheck import errors, services
from casework.naturecheck.access import get_case_for_user, get_farm_for_user
from casework.naturecheck.history import changed_since, farm_changed_since
from casework.naturecheck.models import Farm, NatureCheckCase, Priority
from casework.web.naturecheck import reads
from casework.web.naturecheck.forms import (
    CASE_SERVICE_FIELDS,
    FARM_SERVICE_FIELDS,
    AssignmentForm,
    CaseStatusForm,
    FarmFilterForm,
    FarmForm,
    status_moves,
)
from casework.web.shell import conflicts
from casework.web.shell.language import default_language
from casework.web.shell.pages import is_htmx, staff_page
from casework.web.shell.service_calls import call_service

LANGUAGE = "da"
PAGE_SIZE = 25


def _done(request: HttpRequest, url: str) -> HttpResponse:
    """After a write: back to `url`, by header when the form came from an HTMX dialog."""
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def _failed(request: HttpRequest, status: int) -> int:
    # htmx swaps only 2xx answers: a dialog with errors comes back as 200 so it is shown again.
    return 200 if is_htmx(request) else status


# --- farms -----------------------------------------------------------------------------------------------------


def _farm_list_context(request: HttpRequest, query: QueryDict) -> dict[str, Any]:
    form = FarmFilterForm(query)
    form.is_valid()  # an unknown filter value is ignored; the search still applies
    params = form.cleaned_data
    farms = (
        Farm.objects.search(params.get("q"))
        .with_assignment(params.get("filter") or None, viewer=request.user)
        .for_list(viewer=request.user)
        .order_by("name", "cvr")
    )
    user: Any = request.user
    page = Paginator(farms, PAGE_SIZE).get_page(query.get("page"))
    owners = list(dict.fromkeys(farm.owner_id for farm in page.object_list))
    record_read(actor=user, kind="farmer", ids=owners, query=dict(params), path=request.path)
    return {
        "form": form,
        "page": page,
        "params": query,
        "can_assign": can(user, "naturecheck.assign"),
        "can_manage": can(user, "naturecheck.manage_farms"),
    }


@require_GET
@default_language(LANGUAGE)
@staff_page("naturecheck.view")
def farm_list(request: HttpRequest) -> HttpResponse:
    context = _farm_list_context(request, request.GET)
    template = (
        "web/naturecheck/partials/farm_results.html" if is_htmx(request) else "web/naturecheck/farms.html"
    )
    return render(request, template, context)


def _farm_form_page(
    request: HttpRequest,
    form: FarmForm,
    *,
    farm: Farm | None,
    status: int = 200,
    conflict: str = "",
    stale: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {"form": form, "farm": farm, "conflict": conflict, "stale": stale}
    if is_htmx(request):
        return render(request, "web/naturecheck/partials/farm_dialog.html", context, status=status)
    return render(request, "web/naturecheck/farm_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("naturecheck.manage_farms")
def farm_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _farm_form_page(request, FarmForm(), farm=None)
    form = FarmForm(request.POST)
    if form.is_valid():
        called = call_service(
            form,
            lambda: services.create_farm(
                actor=request.user,  # type: ignore[arg-type]
                **form.farm_fields(),
                owner_first_name=form.cleaned_data["owner_first_name"],
                owner_last_name=form.cleaned_data["owner_last_name"],
                owner_email=form.cleaned_data["owner_email"],
            ),
            fields=FARM_SERVICE_FIELDS,
            conflicts=(),
        )
        if called.value is not None:
            messages.success(request, _("The farm %(farm)s was added.") % {"farm": called.value.name})
            return _done(request, reverse("web:naturecheck_farms"))
    return _farm_form_page(request, form, farm=None, status=_failed(request, 422))


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("naturecheck.manage_farms")
def farm_edit(request: HttpRequest, farm_id: UUID) -> HttpResponse:
    farm = get_farm_for_user(request.user, farm_id, permission="naturecheck.manage_farms", detail=True)
    if request.method == "GET":
        return _farm_form_page(request, FarmForm.for_farm(farm), farm=farm)
    form = FarmForm(request.POST)
    if form.is_valid():
        called = call_service(
            form,
            lambda: services.update_farm(
                farm.pk,
                actor=request.user,  # type: ignore[arg-type]
                changes=form.farm_fields(),
                owner=form.owner(),
                expected_version=form.cleaned_data["row_version"],
            ),
            fields=FARM_SERVICE_FIELDS,
        )
        if called.conflict:
            stale = _stale_farm_edit(request, farm.pk, form)
            return _farm_form_page(
                request,
                stale.pop("form") if stale else form,
                farm=farm,
                status=_failed(request, 409),
                conflict=called.conflict,
                stale=stale,
            )
        if called.ok:
            messages.success(request, _("The farm %(farm)s was saved.") % {"farm": form.cleaned_data["name"]})
            return _done(request, reverse("web:naturecheck_farms"))
    return _farm_form_page(request, form, farm=farm, status=_failed(request, 422))


def _stale_farm_edit(request: HttpRequest, farm_id: UUID, form: FarmForm) -> dict[str, Any] | None:
    """The conflict banner for a farm edit made on a version someone changed meanwhile: each field changed
    since, the reader's value beside the current one, and the reader's input in a form aimed at the current
    version (`form`)."""
    try:
        farm = get_farm_for_user(request.user, farm_id, permission="naturecheck.manage_farms", detail=True)
    except NotFound:
        return None
    changed, authors = farm_changed_since(farm, form.cleaned_data["row_version"] or 0)
    current = FarmForm.for_farm(farm).initial
    data = form.cleaned_data
    owner = ("owner_first_name", "owner_last_name", "owner_email")
    rows = []
    for name in ("name", "cvr", "street", "postal_code", "city", "country"):
        # Farms updated before their versions were recorded: every field that differs from the current one.
        if name in changed or (not changed and data[name] != current[name]):
            rows.append((form.fields[name].label, data[name] or "—", current[name] or "—"))
    if "owner" in changed or (not changed and any(data[n] != current[n] for n in owner)):
        rows.append((_("Owner"), _owner_shown(data), _owner_shown(current)))
    stale = conflicts.stale_edit(reader=request.user, subject="farm", authors=authors, rows=rows)
    stale["form"] = FarmForm(conflicts.aimed_at(request.POST, farm.row_version))
    return stale


def _owner_shown(values: Mapping[str, Any]) -> str:
    name = " ".join(v for v in (values["owner_first_name"], values["owner_last_name"]) if v)
    return f"{name} · {values['owner_email']}"


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("naturecheck.manage_farms")
def farm_delete(request: HttpRequest, farm_id: UUID) -> HttpResponse:
    farm = get_farm_for_user(request.user, farm_id, permission="naturecheck.manage_farms")
    error, status = "", 200
    if request.method == "POST":
        called = call_service(
            None,
            lambda: services.delete_farm(farm.pk, actor=request.user),  # type: ignore[arg-type]
            conflicts=(),
        )
        if called.error is not None:
            error, status = called.message, _failed(request, called.error.status_code)
        else:
            messages.success(request, _("The farm %(farm)s was deleted.") % {"farm": farm.name})
            return _done(request, reverse("web:naturecheck_farms"))
    context = {"farm": farm, "error": error}
    template = (
        "web/naturecheck/partials/delete_dialog.html"
        if is_htmx(request)
        else "web/naturecheck/farm_delete.html"
    )
    return render(request, template, context, status=status)


# --- assigning and updating a farm's case ----------------------------------------------------------------------


def _farm_page(
    request: HttpRequest,
    farm_id: UUID,
    *,
    form: AssignmentForm | None = None,
    conflict: str = "",
    stale: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    farm = get_farm_for_user(request.user, farm_id, detail=True)
    record_read(actor=request.user, kind="farmer", ids=[farm.owner_id], path=request.path)
    active: NatureCheckCase | None = farm.active_cases[0] if farm.active_cases else None  # type: ignore[attr-defined]
    user: Any = request.user
    context = {
        "farm": farm,
        "active_case": active,
        "cases": reads.with_assignments(farm.all_cases),  # type: ignore[attr-defined]
        "form": form or AssignmentForm.for_case(active, viewer=user),
        "conflict": conflict,
        "stale": stale,
        "status_moves": status_moves(active, cancel=True) if active else [],
        "can_assign": can(user, "naturecheck.assign"),
        "can_manage": can(user, "naturecheck.manage_farms"),
    }
    return render(request, "web/naturecheck/farm_detail.html", context, status=status)


@require_GET
@default_language(LANGUAGE)
@staff_page("naturecheck.view")
def farm_detail(request: HttpRequest, farm_id: UUID) -> HttpResponse:
    return _farm_page(request, farm_id)


@require_POST
@default_language(LANGUAGE)
@staff_page("naturecheck.assign")
def assign(request: HttpRequest, farm_id: UUID) -> HttpResponse:
    """Open the farm's case, or update the active case the employee was looking at (`case_id`)."""
    farm = get_farm_for_user(request.user, farm_id, permission="naturecheck.assign")
    form = AssignmentForm(request.POST, viewer=request.user)
    if not form.is_valid():
        return _farm_page(request, farm_id, form=form, status=422)
    data = form.cleaned_data
    actor: Any = request.user

    def save() -> str:
        if data["case_id"]:
            case = get_case_for_user(actor, data["case_id"], permission="naturecheck.assign")
            if case.farm_id != farm.pk:
                raise errors.CASE_NOT_FOUND()
            services.update_case(
                data["case_id"],
                actor=actor,
                expected_version=data["row_version"],
                changes={
                    "consultant_id": data["consultant"].pk,
                    "priority": data["priority"],
                    "notes": data["notes"],
                },
            )
            return _("Nature Check case updated for %(farm)s.") % {"farm": farm.name}
        services.assign_case(
            actor=actor,
            farm_id=farm.pk,
            consultant_id=data["consultant"].pk,
            priority=data["priority"],
            notes=data["notes"],
        )
        return _("Nature Check case created for %(farm)s.") % {"farm": farm.name}

    # A stale version, or a case someone else opened or closed meanwhile, is a conflict: shown with a reload.
    called = call_service(form, save, fields=CASE_SERVICE_FIELDS, conflicts=(Conflict, NotFound))
    if called.conflict and called.error is not None:
        stale = None
        if isinstance(called.error, ConcurrentModification) and data["case_id"]:
            stale = _stale_edit(request, data)
            if stale is not None:
                form = stale.pop("form")
        return _farm_page(
            request,
            farm_id,
            form=form,
            conflict="" if stale else called.conflict,
            stale=stale,
            status=called.error.status_code,
        )
    if called.value is None:
        return _farm_page(request, farm_id, form=form, status=422)
    messages.success(request, called.value)
    return redirect("web:naturecheck_farms")


def _stale_edit(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any] | None:
    """The conflict banner for a case update made on a version someone changed meanwhile, with the reader's
    values kept in a form aimed at the current version (`form`)."""
    try:
        case = get_case_for_user(request.user, data["case_id"], permission="naturecheck.assign")
    except NotFound:
        return None
    fields, authors = changed_since(case, data["row_version"] or 0)
    current = {"consultant": case.consultant, "priority": case.priority, "notes": case.notes}
    labels = {"consultant": _("Consultant"), "priority": _("Priority"), "notes": _("Notes")}
    rows = [(labels[name], _shown(name, data[name]), _shown(name, current[name])) for name in fields]
    stale = conflicts.stale_edit(reader=request.user, subject="case", authors=authors, rows=rows)
    stale["form"] = AssignmentForm(conflicts.aimed_at(request.POST, case.row_version), viewer=request.user)
    return stale


def _shown(field: str, value: Any) -> str:
    if field == "consultant":
        return (value.full_name or value.email) if value is not None else "—"
    if field == "priority":
        return str(Priority(value).label) if value in Priority.values else "—"
    return value or "—"


@require_POST
@default_language(LANGUAGE)
@staff_page("naturecheck.view")
def change_status(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Start, complete or cancel a case; the service decides who may make which move."""
    case = get_case_for_user(request.user, case_id)
    form = CaseStatusForm(request.POST)
    back = form.data.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("web:naturecheck_farm", args=[case.farm_id])
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(back)
    called = call_service(
        None,
        lambda: services.change_case_status(
            case.pk,
            actor=request.user,  # type: ignore[arg-type]
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["row_version"],
        ),
        conflicts=(),
    )
    if not called.ok:
        messages.error(request, called.message)
    else:
        messages.success(request, _("Status changed to %(status)s.") % {"status": form.get_status_label()})
    return redirect(back)


# --- the consultant's inbox ------------------------------------------------------------------------------------


@require_GET
@default_language(LANGUAGE)
@staff_page("naturecheck.work")
def inbox(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show")
    show = show if show in reads.INBOX_SHOWS else "open"
    notifications, counts = reads.inbox(request.user, show)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = reads.inbox_rows(request.user, list(page.object_list))
    for row in rows:
        case = row["case"]
        row["moves"] = status_moves(case, cancel=False) if case is not None else []
    return render(
        request, "web/naturecheck/inbox.html", {"page": page, "rows": rows, "show": show, "counts": counts}
    )
