"""The case plan's panels on the case detail page: milestone completion, services delivered (add, edit,
remove) and related cases (find, link, unlink). Every write is one call to a service of the case plan.

An HTMX request gets the panel back (200 even with errors, since htmx swaps only 2xx answers); a plain form post
gets a redirect, or the whole page again with the errors (422) or the conflict (409)."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases.access import get_case_for_user
from casework.cases.models import Case
from casework.cases.plan.access import get_delivered_service_for_user, get_milestone_for_user
from casework.cases.plan.services import delivered, milestones, relationships
from casework.core.errors import NotFound
from casework.web.plan.forms import MilestoneToggleForm, RelationshipForm, ServiceForm
from casework.web.shell import case_page
from casework.web.shell.pages import staff_page
from casework.web.shell.service_calls import call_service

CASE_RESULTS = 8
SECTION = "plan"


def _answer(request: HttpRequest, case_id: UUID, panel: str, **answer: Any) -> HttpResponse:
    """The plan panel `panel` after a write (see `case_page.panel_answer`)."""
    return case_page.panel_answer(request, case_id, panel, section=SECTION, **answer)


def _write(request: HttpRequest, case_id: UUID, panel: str, **write: Any) -> HttpResponse:
    """A write from the plan panel `panel` (see `case_page.panel_write`)."""
    return case_page.panel_write(request, case_id, panel, section=SECTION, **write)


@require_POST
@staff_page("cases.change")
def toggle_milestone(request: HttpRequest, case_id: UUID, milestone_id: UUID) -> HttpResponse:
    """Complete or reopen a milestone of the case through the plan service."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    milestone = get_milestone_for_user(request.user, milestone_id, permission="cases.change")
    if milestone.case_id != case.pk:
        raise Http404(_("Milestone not found."))
    form = MilestoneToggleForm(request.POST)
    if form.is_valid():
        called = call_service(
            None,
            lambda: milestones.update_milestone(
                milestone.pk,
                actor=request.user,  # type: ignore[arg-type]
                changes={"is_completed": form.cleaned_data["is_completed"]},
                expected_version=form.cleaned_data["row_version"],
            ),
        )
        if called.conflict:
            return case_page.render_page(request, case_id, status=409, conflict=called.conflict)
        if called.ok:
            messages.success(request, _("Milestone saved."))
        else:
            messages.error(request, called.message)
    return redirect("web:case_detail", case_id=case.pk)


# --- services ------------------------------------------------------------------------------------------------


@require_POST
@staff_page("cases.change")
def add_service(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Record a service on the case through the plan service."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = ServiceForm(request.POST, prefix="service-new")
    return _write(
        request,
        case.pk,
        "services",
        form=form,
        key="service-new",
        write=lambda: delivered.add_delivered_service(actor=request.user, case_id=case.pk, **form.values()),  # type: ignore[arg-type]
        notice=_("Service added."),
        conflicts=(),
    )


@require_POST
@staff_page("cases.change")
def edit_service(request: HttpRequest, case_id: UUID, service_id: UUID) -> HttpResponse:
    """Change a service (its status too: completing or cancelling it ends it); a stale form is a conflict."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    service = get_delivered_service_for_user(request.user, service_id, permission="cases.change")
    if service.case_id != case.pk:
        raise Http404(_("Service not found."))
    key = f"service-{service.pk}"
    form = ServiceForm(request.POST, prefix=key)
    return _write(
        request,
        case.pk,
        "services",
        form=form,
        key=key,
        write=lambda: delivered.update_delivered_service(
            service.pk,
            actor=request.user,  # type: ignore[arg-type]
            changes=form.values(),
            expected_version=form.cleaned_data["row_version"],
        ),
        notice=_("Service saved."),
    )


@require_POST
@staff_page("cases.change")
def remove_service(request: HttpRequest, case_id: UUID, service_id: UUID) -> HttpResponse:
    """Delete a service record (the audit event keeps its name and date)."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    service = get_delivered_service_for_user(request.user, service_id, permission="cases.change")
    if service.case_id != case.pk:
        raise Http404(_("Service not found."))
    delivered.remove_delivered_service(service.pk, actor=request.user)  # type: ignore[arg-type]
    return _answer(request, case.pk, "services", notice=_("Service removed."))


# --- related cases -------------------------------------------------------------------------------------------


@require_GET
@staff_page("cases.change")
def find_cases_to_link(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Cases matching the number or title typed so far (this case left out), as radio buttons of the link form."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    text = (request.GET.get("link-case_q") or "").strip()
    found = (
        list(
            Case.objects.search(text)
            .exclude(pk=case.pk)
            .select_related("status")
            .order_by("case_number")[:CASE_RESULTS]
        )
        if text
        else []
    )
    return render(request, "web/partials/case_link_results.html", {"found": found, "searched": text})


@require_POST
@staff_page("cases.change")
def add_relationship(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Link the case to the one chosen; the inverse link on the other case is the service's to write."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = RelationshipForm(request.POST)

    def link() -> None:
        data = form.cleaned_data
        related = get_case_for_user(request.user, data["related_case"])
        relationships.add_relationship(
            actor=request.user,  # type: ignore[arg-type]
            case_id=case.pk,
            related_case_id=related.pk,
            relationship_type=data["relationship_type"],
            description=data["description"],
        )

    try:
        return _write(
            request,
            case.pk,
            "relationships",
            form=form,
            key="link",
            write=link,
            notice=_("Cases linked."),
            fields={"related_case_id": "related_case"},
            conflicts=(),
            passes=(NotFound,),
        )
    except NotFound:
        # The case chosen is gone, or one the user may not see: as if none had been chosen.
        form.add_error("related_case", _("Choose a case."))
        return _answer(request, case.pk, "relationships", sent={"link": form})


@require_POST
@staff_page("cases.change")
def remove_relationship(request: HttpRequest, case_id: UUID, relationship_id: UUID) -> HttpResponse:
    """Unlink two cases; the inverse link goes with it."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    relationships.remove_relationship(
        actor=request.user,  # type: ignore[arg-type]
        case_id=case.pk,
        relationship_id=relationship_id,
    )
    return _answer(request, case.pk, "relationships", notice=_("Link removed."))
