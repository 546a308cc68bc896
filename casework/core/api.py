"""Shared pieces of the JSON API: the error body, and rendering domain and validation errors as JSON."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from casework.core.errors import DomainError

_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


class FieldErrorOut(Schema):
    field: str | None = None
    message: str


class ErrorOut(Schema):
    """Every 4xx answer: a stable `code`, a readable `message`, and the `field` at fault when there is one."""

    code: str
    message: str
    field: str | None = None
    errors: list[FieldErrorOut] | None = None


def _field_of(loc: list[Any] | tuple[Any, ...], body_params: set[str]) -> str | None:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and len(parts) > 1 and parts[0] in body_params:
            parts.pop(0)
    names = [str(p) for p in parts]
    return ".".join(names) or None


def install_error_handlers(api: NinjaAPI) -> None:
    def render(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return render(request, exc.as_dict(), exc.status_code)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for err in exc.errors:
            field = _field_of(err.get("loc", ()), {"payload"})
            message = str(err.get("msg", "Invalid value"))
            errors.append({"field": field, "message": message})
        first = errors[0] if errors else {"field": None, "message": "Invalid request"}
        body = {
            "code": "validation_error",
            "message": f"{first['field']}: {first['message']}" if first["field"] else first["message"],
            "field": first["field"],
            "errors": errors,
        }
        return render(request, body, 422)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = {"code": "not_authenticated", "message": "A valid bearer token is required"}
        return render(request, body, 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja raises HttpError(400) for a body it cannot parse (malformed JSON).
        code = "malformed_request" if exc.status_code == 400 else "http_error"
        return render(request, {"code": code, "message": str(exc)}, exc.status_code)
