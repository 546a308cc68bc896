"""Case documents: upload, list, download, new versions, delete.

Which documents a caller sees is decided by `DocumentQuerySet.visible_to`; one they may not see answers 404.
"""

from uuid import UUID

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from casework.accounts.auth import current_user
from casework.cases.access import get_case_for_user
from casework.cases.models import CaseNote
from casework.core.api import ErrorOut
from casework.core.permissions import require
from casework.documents import errors, services
from casework.documents.access import (
    get_case_for_filing,
    get_document_for_deletion,
    get_document_for_user,
)
from casework.documents.filetypes import ALLOWED
from casework.documents.models import CaseDocument
from casework.documents.querysets import with_versions
from casework.documents.schemas import DocumentIn, DocumentOut, NoteAttachmentIn, VersionIn

router = Router(tags=["documents"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
UPLOAD_ERRORS = {**ERRORS, 413: ErrorOut, 415: ErrorOut}
BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The file, as an attachment (Content-Disposition) under its sanitized name, with the "
            "content type of its kind",
            "content": {mime: BINARY for mime in sorted({kind.mime_type for kind in ALLOWED.values()})},
        }
    }
}


def _with_versions(document: CaseDocument) -> CaseDocument:
    return with_versions([document])[0]


@router.post("/cases/{case_id}/documents", response={201: DocumentOut, **UPLOAD_ERRORS})
def upload_document(request: HttpRequest, case_id: UUID, file: File[UploadedFile], payload: Form[DocumentIn]):
    """Upload a document to a case (multipart/form-data: `file` plus the fields below).

    Accepted: PDF, PNG, JPEG, GIF, WebP, plain text, CSV, DOCX, XLSX, ODT, DOC; the content must match the
    extension (415 `unsupported_file_type` / `file_content_mismatch`). Larger than the configured limit
    (default 25 MB) is 413 `file_too_large`. Needs `cases.change`, and an access level the uploader could see
    (403 `access_level_not_allowed`).
    """
    user = current_user(request)
    case = get_case_for_filing(user, case_id, access_level=payload.access_level)
    document = services.upload_document(actor=user, case=case, upload=file, **payload.dict())
    return Status(201, _with_versions(document))


@router.post(
    "/cases/notes/{note_id}/attachments", response={201: DocumentOut, **UPLOAD_ERRORS}, tags=["notes"]
)
def attach_to_note(
    request: HttpRequest, note_id: UUID, file: File[UploadedFile], payload: Form[NoteAttachmentIn]
):
    """Attach a file to a timeline note (multipart/form-data: `file`, optional `access_level`, `description`).

    The file goes into the case's documents (same checks, limits and storage as any upload) and is listed in the
    note's `attachments`. Only public or standard files may sit on the timeline (422 otherwise).
    """
    user = current_user(request)
    require(user, "cases.add_note")
    note = CaseNote.objects.select_related("case").filter(pk=note_id).first()
    if note is None:
        raise errors.NOTE_NOT_FOUND()
    get_case_for_filing(user, note.case_id, access_level=payload.access_level)
    document = services.attach_file_to_note(actor=user, note=note, upload=file, **payload.dict())
    return Status(201, _with_versions(document))


@router.get("/cases/{case_id}/documents", response={200: list[DocumentOut], **ERRORS})
def list_documents(request: HttpRequest, case_id: UUID):
    """The case's documents the caller may see, newest first: each as its latest version, with all versions.

    viewer: public and standard; caseworker: also restricted on cases assigned to them or their team, and
    confidential on cases assigned to them; manager and admin: all.
    """
    user = current_user(request)
    case = get_case_for_user(user, case_id)
    documents = CaseDocument.objects.of_case(case.pk).latest_versions().visible_to(user).for_list()
    return with_versions(documents)


@router.get(
    "/documents/{document_id}/download",
    response={200: None, **ERRORS},
    url_name="download_document",
    openapi_extra=FILE_RESPONSE,
)
def download_document(request: HttpRequest, document_id: UUID):
    """Download one version of a document, as an attachment. Every download is recorded on the case.

    A document the caller may not see is 404, the same as one that does not exist.
    """
    user = current_user(request)
    document = get_document_for_user(user, document_id)
    try:
        content = default_storage.open(document.file.name, "rb")
    except FileNotFoundError as exc:
        raise errors.FILE_MISSING() from exc
    try:
        services.record_download(actor=user, document=document)
    except BaseException:
        content.close()
        raise
    response = FileResponse(
        content, as_attachment=True, filename=document.document_name, content_type=document.mime_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/documents/{document_id}/versions", response={201: DocumentOut, **UPLOAD_ERRORS})
def add_version(request: HttpRequest, document_id: UUID, file: File[UploadedFile], payload: Form[VersionIn]):
    """Upload a new version of a document (multipart/form-data: `file`, optional `description`).

    `document_id` may name any version; the new one becomes the latest and the older ones stay listed and
    downloadable. Same file rules as an upload; needs `cases.change`.
    """
    user = current_user(request)
    document = get_document_for_user(user, document_id, permission="cases.change")
    new = services.add_version(actor=user, document=document, upload=file, description=payload.description)
    return Status(201, _with_versions(new))


@router.delete("/documents/{document_id}", response={204: None, **ERRORS})
def delete_document(request: HttpRequest, document_id: UUID):
    """Delete a document with all its versions (`document_id` may name any of them).

    Managers and admins may delete any document they see; a caseworker only one whose every version they
    uploaded themselves (403 `document_delete_denied` otherwise). The files are removed after the commit.
    """
    user = current_user(request)
    document = get_document_for_deletion(user, document_id)
    services.delete_document(actor=user, document=document)
    return Status(204, None)
