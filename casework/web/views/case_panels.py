"""The case detail's panels that write or serve files: document upload and download, milestone completion."""

from typing import cast
from uuid import UUID

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases import plan_services
from casework.cases.access import get_case_for_user
from casework.cases.plan_access import get_milestone_for_user
from casework.core.errors import ConcurrentModification, DomainError
from casework.documents import services
from casework.documents.access import filing_levels, get_case_for_filing, get_document_for_user
from casework.web.domain_messages import add_to_form, translated
from casework.web.forms import DocumentUploadForm, MilestoneToggleForm
from casework.web.views.base import staff_page
from casework.web.views.cases import _detail_again


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
            plan_services.update_milestone(
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
