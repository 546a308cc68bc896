"""Errors of file uploads that have HTTP statuses of their own."""

from casework.core.errors import DomainError


class FileTooLarge(DomainError):
    """The upload is larger than CASEWORK_MAX_UPLOAD_BYTES allows (413)."""

    status_code = 413
    code = "file_too_large"


class UnsupportedFileType(DomainError):
    """The upload is not one of the accepted document types, or its content is not what its name says (415)."""

    status_code = 415
    code = "unsupported_file_type"
