"""Domain errors: raised by services and access helpers, rendered as JSON by the API.

Each carries a stable `code` clients can branch on, a human `message`, and the `field` it concerns.
"""

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None, **extra: Any):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        body.update(self.extra)
        return body


class ValidationFailed(DomainError):
    """The request is well-formed but breaks a rule about one field (422)."""

    status_code = 422
    code = "validation_error"


class NotFound(DomainError):
    """The object does not exist, or the caller may not know that it exists (404)."""

    status_code = 404
    code = "not_found"


class PermissionDenied(DomainError):
    status_code = 403
    code = "permission_denied"


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"


class Conflict(DomainError):
    """The write collides with the current state of the data (409)."""

    status_code = 409
    code = "conflict"


class ConcurrentModification(Conflict):
    code = "concurrent_modification"

    def __init__(
        self, message: str = "The record was changed by someone else; reload it and try again", **kw: Any
    ):
        super().__init__(message, **kw)


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"


class PayloadTooLarge(DomainError):
    """The request body is larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE) (413)."""

    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(DomainError):
    """A JSON operation was sent a body that is not JSON (text/plain, form data...) (415)."""

    status_code = 415
    code = "unsupported_media_type"
