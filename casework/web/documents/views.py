"""The documents panel on the case detail page: upload a document, add a new version, download one. Every write
is one call to `casework.documents.services`."""

from typing import cast
from uuid import UUID

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases.access import get_case_for_user
from casework.documents import services
from casework.documents.access import filing_levels, get_case_for_filing, get_document_for_user
from casework.web.documents.forms import DocumentUploadForm, DocumentVersionForm
from casework.web.shell import case_page
from casework.web.shell.pages import staff_page
from casework.web.shell.service_calls import call_service

SECTION = "documents"


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

        def upload() -> None:
            filed = get_case_for_filing(request.user, case.pk, access_level=data["access_level"])
            services.upload_document(
                actor=request.user,  # type: ignore[arg-type]
                case=filed,
                upload=data["file"],
                document_type=data["document_type"],
                access_level=data["access_level"],
                description=data["description"],
            )

        called = call_service(form, upload, conflicts=())
        if called.error is None:
            messages.success(request, _("Document uploaded."))
            return redirect("web:case_detail", case_id=case.pk)
        status = called.error.status_code
    return case_page.render_page(request, case_id, status=status, sent={"upload": form})


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
def add_document_version(request: HttpRequest, document_id: UUID) -> HttpResponse:
    """Upload a new version of a document the user may see (one they may not is 404)."""
    document = get_document_for_user(request.user, document_id, permission="cases.change")
    key = f"version-{document.pk}"
    form = DocumentVersionForm(request.POST, request.FILES, prefix=key)
    return case_page.panel_write(
        request,
        document.case_id,
        SECTION,
        section=SECTION,
        form=form,
        key=key,
        write=lambda: services.add_version(
            actor=request.user,  # type: ignore[arg-type]
            document=document,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"] or None,
        ),
        notice=_("New version uploaded."),
        conflicts=(),
    )
