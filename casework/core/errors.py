"""Domain errors: raised by services and access helpers, rendered as JSON by the API and shown by the UI.

An error is declared once, as an `ErrorCode`: its stable `code` (what clients branch on), its message template
(a lazily translated format string with named `%(param)s` placeholders) and the `DomainError` class that gives
its HTTP status. A service raises the declared code with the `field` at fault and the named values of the
message: `raise MUST_BE_AT_LEAST(field="custom_fields.age", low=5)`. The message is rendered in the active
language when it is read (`error.message`, `str(error)`, `as_dict()`), never when raised, so the API answers in
the request's language and `code`, `field` and the params stay the same in every language.

Every declared code is in `ERROR_CODES`; a test checks that each has a Danish and a Hebrew translation.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refused use case: raised as a declared `ErrorCode` (`raise NOT_FOUND(field="id")`), never with a text."""

    status_code = 400
    code = "bad_request"

    def __init__(self, error_code: "ErrorCode", *, field: str | None = None, **params: Any):
        if not isinstance(error_code, ErrorCode):
            raise TypeError(f"{type(self).__name__} takes a declared ErrorCode, not {error_code!r}")
        super().__init__(error_code.code)
        self.error_code = error_code
        self.code = error_code.code
        self.params: dict[str, Any] = params
        self.field = field or error_code.field
        self.extra = {name: params[name] for name in error_code.data_fields if name in params}

    @property
    def message(self) -> str:
        """The message in the active language."""
        return self.error_code.render(self.params)

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        body.update(self.extra)
        return body


ERROR_CODES: list["ErrorCode"] = []


class ErrorCode:
    """One declared error: a stable `code`, its message template and the DomainError class to raise.

    `field` is the field at fault when it is always the same one (a raise may name another); `data_fields` are
    the params that are also part of the JSON body (`{"code", "message", "field", <data_fields>...}`), the
    others only fill the message. Calling the code makes the error: `raise NOT_FOUND(field="id")`.
    """

    def __init__(
        self,
        error: type[DomainError],
        code: str,
        message: str | Promise,
        *,
        field: str | None = None,
        data_fields: Iterable[str] = (),
    ):
        self.error = error
        self.code = code
        self.message = message
        self.field = field
        self.data_fields = tuple(data_fields)
        ERROR_CODES.append(self)

    def render(self, params: dict[str, Any]) -> str:
        """The message in the active language, its placeholders filled (lazy params render there too)."""
        return str(self.message) % params

    def __call__(self, *, field: str | None = None, **params: Any) -> DomainError:
        return self.error(self, field=field, **params)

    def __repr__(self) -> str:
        return f"<ErrorCode {self.code}: {self.message!s}>"


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

    def __init__(self, error_code: "ErrorCode | None" = None, **kw: Any):
        super().__init__(RECORD_CHANGED if error_code is None else error_code, **kw)


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"


class MalformedRequest(DomainError):
    """The request body cannot be read at all (a multipart body without its boundary) (400)."""

    status_code = 400
    code = "malformed_request"


class PayloadTooLarge(DomainError):
    """The request body is larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE) (413)."""

    status_code = 413
    code = "payload_too_large"


class ServiceUnavailable(DomainError):
    """A service the request needs (the database, Redis) cannot be reached; try again later (503)."""

    status_code = 503
    code = "service_unavailable"


class InternalError(DomainError):
    """A fault of the server's, logged with its traceback (500)."""

    status_code = 500
    code = "internal_error"


class UriTooLong(DomainError):
    """The URL (path and query string) is longer than the server reads (414)."""

    status_code = 414
    code = "uri_too_long"


class UnsupportedMediaType(DomainError):
    """A JSON operation was sent a body that is not JSON (text/plain, form data...) (415)."""

    status_code = 415
    code = "unsupported_media_type"


# --- the generic codes: concurrency, permissions, pagination, the request itself -------------------------------

RECORD_CHANGED = ErrorCode(
    ConcurrentModification,
    "concurrent_modification",
    _("The record was changed by someone else; reload it and try again"),
    data_fields=["current_row_version"],
)
OBJECT_NOT_FOUND = ErrorCode(NotFound, "not_found", _("%(model)s not found"))
AUTHENTICATION_REQUIRED = ErrorCode(NotAuthenticated, "not_authenticated", _("Authentication required"))
BEARER_TOKEN_REQUIRED = ErrorCode(
    NotAuthenticated, "not_authenticated", _("A valid bearer token is required")
)
ROLE_DOES_NOT_ALLOW = ErrorCode(
    PermissionDenied,
    "permission_denied",
    _("Your role does not allow this action (%(permission)s)"),
    data_fields=["permission"],
)
INVALID_CURSOR = ErrorCode(
    ValidationFailed,
    "validation_error",
    _("cursor is not one this list gave for this sort order"),
    field="cursor",
)
NOT_JSON = ErrorCode(
    UnsupportedMediaType,
    "unsupported_media_type",
    _("Send the body as application/json, not %(content_type)s"),
)
NO_CONTENT_TYPE = ErrorCode(
    UnsupportedMediaType,
    "unsupported_media_type",
    _("Send the body as application/json, not without a content type"),
)
NUL_CHARACTER = ErrorCode(
    ValidationFailed, "nul_character", _("Text may not contain the NUL character (\\u0000)")
)
# `?status=a&status=b` where the operation takes one status: which one counts would be a guess.
REPEATED_PARAMETER = ErrorCode(ValidationFailed, "validation_error", _("Give this parameter once"))
URL_TOO_LONG = ErrorCode(
    UriTooLong,
    "uri_too_long",
    _("The URL is longer than the %(limit)s bytes accepted; send long values in a request body"),
)
BODY_TOO_LARGE = ErrorCode(PayloadTooLarge, "payload_too_large", _("The request body is too large"))
# Django cannot split a multipart body whose Content-Type names no (or a wrong) boundary.
MULTIPART_UNREADABLE = ErrorCode(
    MalformedRequest,
    "malformed_request",
    _("The multipart/form-data body cannot be read: send it with the boundary its parts use"),
    field="body",
)
NO_SUCH_ENDPOINT = ErrorCode(NotFound, "not_found", _("No such API endpoint"))
DEPENDENCY_DOWN = ErrorCode(
    ServiceUnavailable,
    "service_unavailable",
    _("A service Casework needs (%(dependency)s) cannot be reached; try again in a moment"),
    data_fields=["dependency"],
)
SERVER_FAULT = ErrorCode(
    InternalError, "internal_error", _("Something went wrong on the server; it has been logged")
)
# A field no use case lets the caller change (an update that names a read-only or unknown attribute).
FIELD_NOT_CHANGEABLE = ErrorCode(ValidationFailed, "validation_error", _("Field cannot be changed here"))
REQUIRED = ErrorCode(ValidationFailed, "required", _("This field is required."))
MUST_NOT_BE_EMPTY = ErrorCode(ValidationFailed, "validation_error", _("Must not be empty"))
MUST_NOT_BE_NEGATIVE = ErrorCode(ValidationFailed, "validation_error", _("Must not be negative"))
# A value refused by a validator that words its own reasons: Django's password validators (already in the
# active language) or pydantic (English). Nothing here to translate.
REFUSED_BY_VALIDATOR = ErrorCode(ValidationFailed, "validation_error", "%(reasons)s")

# --- custom fields (casework.core.custom_fields) ----------------------------------------------------------------

DEFINITIONS_NOT_A_LIST = ErrorCode(
    ValidationFailed,
    "validation_error",
    _("Custom fields must be a list of field definitions"),
    field="custom_fields",
)
DEFINITION_NOT_AN_OBJECT = ErrorCode(
    ValidationFailed, "validation_error", _("Each definition must be an object")
)
INVALID_DEFINITION_KEY = ErrorCode(
    ValidationFailed, "validation_error", _("key must be lower_snake_case, starting with a letter")
)
DUPLICATE_DEFINITION_KEY = ErrorCode(ValidationFailed, "validation_error", _("Duplicate key %(key)r"))
INVALID_FIELD_TYPE = ErrorCode(ValidationFailed, "validation_error", _("type must be one of %(types)s"))
INVALID_OPTIONS = ErrorCode(
    ValidationFailed, "validation_error", _("options must be a non-empty list of strings")
)
MUST_BE_AN_OBJECT = ErrorCode(ValidationFailed, "validation_error", _("Must be an object"))
UNKNOWN_CUSTOM_FIELD = ErrorCode(
    ValidationFailed, "validation_error", _("Unknown field %(key)r; this case type accepts: %(accepted)s")
)
NO_CUSTOM_FIELDS = _("no fields")
CUSTOM_FIELD_REQUIRED = ErrorCode(ValidationFailed, "validation_error", _("%(label)s is required"))
MUST_BE_TEXT = ErrorCode(ValidationFailed, "validation_error", _("Must be text"))
AT_MOST_CHARACTERS = ErrorCode(ValidationFailed, "validation_error", _("At most %(limit)s characters"))
MUST_BE_AT_LEAST = ErrorCode(ValidationFailed, "validation_error", _("Must be at least %(low)s"))
MUST_BE_AT_MOST = ErrorCode(ValidationFailed, "validation_error", _("Must be at most %(high)s"))
MUST_BE_BOOLEAN = ErrorCode(ValidationFailed, "validation_error", _("Must be true or false"))
MUST_BE_A_DATE = ErrorCode(ValidationFailed, "validation_error", _("Must be a date (YYYY-MM-DD)"))
MUST_BE_ONE_OF = ErrorCode(ValidationFailed, "validation_error", _("Must be one of: %(options)s"))
MUST_BE_DRAWN_FROM = ErrorCode(
    ValidationFailed, "validation_error", _("Must be a list drawn from: %(options)s")
)
MUST_BE_A_NUMBER = ErrorCode(ValidationFailed, "validation_error", _("Must be a number"))
MUST_BE_A_WHOLE_NUMBER = ErrorCode(ValidationFailed, "validation_error", _("Must be a whole number"))
