"""The case detail's panels that write or serve files: documents (upload, new versions, download), milestone
completion, services (add, edit, remove) and related cases (find, link, unlink).

An HTMX request gets the panel back (200 even with errors, since htmx swaps only 2xx answers); a plain form post
gets a redirect, or the whole page again with the errors (422) or the conflict (409)."""

from typing import cast
from uuid import UUID

from django.contrib import messages
from django.core.files.storage import default_storage
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases.access import get_case_for_user
from casework.cases.models import Case
from casework.cases.plan.access import get_delivered_service_for_user, get_milestone_for_user
from casework.cases.plan.services import delivered, milestones, relationships
from casework.core.errors import ConcurrentModification, DomainError, NotFound
from casework.core.permissions import can
from casework.documents import services
from casework.documents.access import filing_levels, get_case_for_filing, get_document_for_user
from casework.web.domain_messages import add_to_form, translated
from casework.web.forms import DocumentUploadForm, MilestoneToggleForm
from casework.web.forms_panels import DocumentVersionForm, RelationshipForm, ServiceForm
from casework.web.reads_panels import case_panels
from casework.web.views.base import is_htmx, staff_page
from casework.web.views.cases import _detail_again, _detail_context

CASE_RESULTS = 8


@require_POST
@staff_page("cases.change")
def upload_document(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Store a file on the case; a refused file (413 too large, 415 wrong kind, 422 empty) is shown by the field,
    with the service's status."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = DocumentUploadForm(request.POST, request.FILES, levels=filing_levels(request.user, case))
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = get_case_for_filing(request.user, case.pk, access_level=data["access_level"])
            services.upload_document(
                actor=request.user,  # type: ignore[arg-type]
                case=case,
                upload=data["file"],
                document_type=data["document_type"],
                access_level=data["access_level"],
                description=data["description"],
            )
        except DomainError as exc:
            add_to_form(form, exc)
            status = exc.status_code
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("web:case_detail", case_id=case.pk)
    return _detail_again(request, case_id, status, upload_form=form)


@require_GET
@staff_page("cases.view")
def download_document(request: HttpRequest, document_id: UUID) -> HttpResponse:
    """One version of a document, as an attachment, for the signed-in user; recorded on the case. A document
    the user may not see is 404, as on the API."""
    document = get_document_for_user(request.user, document_id)
    try:
        content = default_storage.open(document.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("The document's file is missing.")) from exc
    try:
        services.record_download(actor=request.user, document=document)  # type: ignore[arg-type]
    except BaseException:
        content.close()
        raise
    response = FileResponse(
        content, as_attachment=True, filename=document.document_name, content_type=document.mime_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # `staff_page` types views as returning HttpResponse; a streamed file is an HttpResponseBase.
    return cast(HttpResponse, response)


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
        try:
            milestones.update_milestone(
                milestone.pk,
                actor=request.user,  # type: ignore[arg-type]
                changes={"is_completed": form.cleaned_data["is_completed"]},
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentModification as exc:
            return _detail_again(request, case_id, 409, conflict=translated(exc))
        except DomainError as exc:
            messages.error(request, translated(exc))
        else:
            messages.success(request, _("Milestone saved."))
    return redirect("web:case_detail", case_id=case.pk)


# --- panel answers -------------------------------------------------------------------------------------------


def _answer(
    request: HttpRequest,
    case_id: UUID,
    panel: str,
    *,
    notice: str = "",
    sent: dict[str, Form] | None = None,
    conflict: str = "",
) -> HttpResponse:
    """The panel after a write: for HTMX the panel alone, with `notice`, the forms `sent` back with their
    errors, or the conflict; for a plain post a redirect on success, else the page with a 422 or 409."""
    failed = bool(sent or conflict)
    if is_htmx(request):
        case = get_case_for_user(request.user, case_id)
        context = {
            "case": case,
            "can_change": can(request.user, "cases.change"),  # type: ignore[arg-type]
            "panel_notice": notice,
            **case_panels(
                request.user, case, sent=sent, panel_conflict={panel: conflict} if conflict else None
            ),
        }
        return render(request, f"web/partials/case_{panel}.html", context)
    if not failed:
        messages.success(request, notice)
        return redirect(reverse("web:case_detail", args=[case_id]) + f"#{panel}")
    context = _detail_context(request, case_id, conflict=conflict)
    context.update(case_panels(request.user, context["case"], sent=sent))
    return render(request, "web/case_detail.html", context, status=409 if conflict else 422)


# --- services ------------------------------------------------------------------------------------------------


@require_POST
@staff_page("cases.change")
def add_service(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Record a service on the case through the plan service."""
    case = get_case_for_user(request.user, case_id, permission="cases.change")
    form = ServiceForm(request.POST, prefix="service-new")
    if form.is_valid():
        try:
            delivered.add_delivered_service(actor=request.user, case_id=case.pk, **form.values())  # type: ignore[arg-type]
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            return _answer(request, case.pk, "services", notice=_("Service added."))
    return _answer(request, case.pk, "services", sent={"service-new": form})


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
    if form.is_valid():
        try:
            delivered.update_delivered_service(
                service.pk,
                actor=request.user,  # type: ignore[arg-type]
                changes=form.values(),
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentModification as exc:
            return _answer(request, case.pk, "services", conflict=translated(exc))
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            return _answer(request, case.pk, "services", notice=_("Service saved."))
    return _answer(request, case.pk, "services", sent={key: form})


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
    if form.is_valid():
        data = form.cleaned_data
        try:
            related = get_case_for_user(request.user, data["related_case"])
            relationships.add_relationship(
                actor=request.user,  # type: ignore[arg-type]
                case_id=case.pk,
                related_case_id=related.pk,
                relationship_type=data["relationship_type"],
                description=data["description"],
            )
        except NotFound:
            form.add_error("related_case", _("Choose a case."))
        except DomainError as exc:
            add_to_form(form, exc, {"related_case_id": "related_case"})
        else:
            return _answer(request, case.pk, "relationships", notice=_("Cases linked."))
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


# --- document versions ---------------------------------------------------------------------------------------


@require_POST
@staff_page("cases.change")
def add_document_version(request: HttpRequest, document_id: UUID) -> HttpResponse:
    """Upload a new version of a document the user may see (one they may not is 404)."""
    document = get_document_for_user(request.user, document_id, permission="cases.change")
    key = f"version-{document.pk}"
    form = DocumentVersionForm(request.POST, request.FILES, prefix=key)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_version(
                actor=request.user,  # type: ignore[arg-type]
                document=document,
                upload=data["file"],
                description=data["description"] or None,
            )
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            return _answer(request, document.case_id, "documents", notice=_("New version uploaded."))
    return _answer(request, document.case_id, "documents", sent={key: form})
