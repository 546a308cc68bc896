"""The error codes of case documents and file uploads, and the errors that have HTTP statuses of their own."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import DomainError, ErrorCode, NotFound, PermissionDenied, ValidationFailed


class FileTooLarge(DomainError):
    """The upload is larger than CASEWORK_MAX_UPLOAD_BYTES allows (413)."""

    status_code = 413
    code = "file_too_large"


class UnsupportedFileType(DomainError):
    """The upload is not one of the accepted document types, or its content is not what its name says (415)."""

    status_code = 415
    code = "unsupported_file_type"


FILE_TOO_LARGE = ErrorCode(
    FileTooLarge,
    "file_too_large",
    _("The file is larger than the %(max_bytes)s bytes allowed"),
    field="file",
    data_fields=["max_bytes"],
)
FILE_EMPTY = ErrorCode(ValidationFailed, "empty_file", _("The file is empty"), field="file")
FILE_TYPE_NOT_ACCEPTED = ErrorCode(
    UnsupportedFileType,
    "unsupported_file_type",
    _("Files of this type are not accepted."),
    field="file",
    data_fields=["accepted"],
)
FILE_CONTENT_MISMATCH = ErrorCode(
    UnsupportedFileType,
    "file_content_mismatch",
    _("The file's content is not a %(kind)s file, as its name says"),
    field="file",
)
FILE_MISSING = ErrorCode(NotFound, "file_missing", _("The document's file is missing from storage"))
DOCUMENT_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Document not found"))
NOTE_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Note not found"), field="note_id")
ACCESS_LEVEL_NOT_ALLOWED = ErrorCode(
    PermissionDenied,
    "access_level_not_allowed",
    _("You may not file a document at an access level you could not see"),
    field="access_level",
)
DELETE_DENIED = ErrorCode(
    PermissionDenied,
    "document_delete_denied",
    _("Only managers, admins and the document's uploader may delete it"),
)
ATTACHMENT_LEVEL_NOT_ALLOWED = ErrorCode(
    ValidationFailed,
    "attachment_level_not_allowed",
    _("Notes carry public or standard files only; upload restricted files as case documents"),
    field="access_level",
)
