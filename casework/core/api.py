"""Shared pieces of the JSON API: the error body, and rendering domain and validation errors as JSON."""

import json
import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params.models import BodyModel, _MultiPartBodyModel
from ninja.parser import Parser
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from casework.core.errors import (
    BEARER_TOKEN_REQUIRED,
    BODY_TOO_LARGE,
    DEPENDENCY_DOWN,
    MULTIPART_UNREADABLE,
    NO_CONTENT_TYPE,
    NO_SUCH_ENDPOINT,
    NOT_JSON,
    NUL_CHARACTER,
    REPEATED_PARAMETER,
    SERVER_FAULT,
    DomainError,
)

logger = logging.getLogger("casework.api")

_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


class FieldErrorOut(Schema):
    field: str | None = None
    message: str


class ErrorOut(Schema):
    """Every 4xx answer: a stable `code`, a readable `message`, and the `field` at fault when there is one.

    The other fields come with the codes that carry them (each ErrorCode's `data_fields`; a test checks that
    every one is declared here)."""

    code: str
    message: str
    field: str | None = None
    errors: list[FieldErrorOut] | None = Field(
        None, description="validation_error: every field at fault, the first one also in `field`"
    )
    current_row_version: int | None = Field(
        None, description="concurrent_modification: the version the record has now"
    )
    permission: str | None = Field(None, description="permission_denied: the permission the role lacks")
    allowed: list[str] | None = Field(
        None, description="invalid_transition, invalid_priority: the values that would be accepted"
    )
    accepted: list[str] | None = Field(None, description="unsupported_file_type: the file types accepted")
    max_bytes: int | None = Field(None, description="file_too_large: the largest file accepted, in bytes")
    line: int | None = Field(None, description="A citizen-list import: the line of the file at fault")
    ids: list[str] | None = Field(None, description="A milestone reorder: the ids at fault")
    missing_ids: list[str] | None = Field(None, description="An outcome reorder: the ids left out")
    locked_by: str | None = Field(
        None, description="locked_by_another_operator: the id of the operator who holds the citizen"
    )
    locked_until: str | None = Field(
        None, description="locked_by_another_operator: when that operator's lock expires (ISO 8601)"
    )
    dependency: str | None = Field(
        None, description="service_unavailable: the service that cannot be reached (database, redis)"
    )


def _nul_field(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or key) holding a NUL character, or None."""
    if isinstance(value, str):
        return (path or "body") if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return child
            found = _nul_field(item, child)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_field(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class JSONBodyParser(Parser):
    """Parses JSON bodies, refusing what the operation did not ask for.

    - a body sent as anything but JSON (`text/plain`, form data) is 415;
    - a query parameter given twice where the operation takes one value is 422 naming it (which of the two
      would count is a guess a client should not have to make);
    - a NUL character in a query or form parameter is 422 naming it: PostgreSQL cannot store NUL in text, and
      SQLite would keep a value PostgreSQL refuses, so both refuse it here, the same way. In a JSON body the
      fields are checked once they are validated (`validate_json_bodies_strictly`), so that a field the
      operation ignores cannot refuse the request.
    Ninja turns any exception raised here into HttpError(400); the error handler below renders the domain
    error it carries instead.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        content_type = (request.content_type or "").lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            raise NOT_JSON(content_type=content_type) if content_type else NO_CONTENT_TYPE()
        return json.loads(request.body)

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        for key in data:
            values = data.getlist(key)
            if any("\x00" in value for value in values if isinstance(value, str)):
                raise NUL_CHARACTER(field=key)
            if len(values) > 1 and key not in list_fields and data is request.GET:
                raise REPEATED_PARAMETER(field=key)
        return super().parse_querydict(data, list_fields, request)


def _unreachable_dependency(exc: BaseException) -> str | None:
    """ "database" or "redis" when `exc` says that service cannot be reached, else None."""
    if isinstance(exc, OperationalError | InterfaceError):
        return "database"
    try:
        import redis.exceptions
    except ImportError:  # Redis is an optional extra
        return None
    if isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError):
        return "redis"
    return None


# Pydantic's lax mode reads these JSON types as others: 0 as false, false as 0, "12" as 12, "1.5" as 1.5.
_JSON_TYPE_ERRORS = {"bool_type", "int_type", "float_type", "string_type"}


def _wrong_json_type(error: Any) -> bool:
    value = error["input"]
    if error["type"] == "int_type" and isinstance(value, float) and value.is_integer():
        return False  # 12.0 is an integer to JSON Schema, and to lax Pydantic
    return error["type"] in _JSON_TYPE_ERRORS


def validate_json_bodies_strictly() -> None:
    """Refuse a JSON body whose values have another JSON type than the schema names.

    Ninja validates bodies in Pydantic's lax mode, which reads `0` as false, `false` as 0 and `"12"` as 12; the
    schema says boolean and integer, so a client generated from it, and schema fuzzing, rightly expect those
    refused. After the usual validation, the body is validated once more in strict JSON mode and its type
    errors (a boolean, integer, number or string of the wrong JSON type) are the answer; strict mode's other
    refusals (a decimal or a time of day written as a string, which the schema allows) are not. Then every text
    value the operation kept is checked for NUL (422 naming its field): a field the operation ignores cannot
    refuse the request. Multipart bodies (uploads) keep Ninja's own validation: their fields are form text."""
    original = BodyModel.resolve.__func__  # type: ignore[attr-defined]

    def resolve(cls: type[BodyModel], request: HttpRequest, api: NinjaAPI, path_params: Any) -> Any:
        if issubclass(cls, _MultiPartBodyModel):
            return original(cls, request, api, path_params)
        data = cls.get_request_data(request, api, path_params)
        if data is None:
            return cls()  # type: ignore[call-arg]
        data = cls._map_data_paths(data)
        context = {"request": request}
        model = cls.model_validate(data, context=context)
        try:
            cls.__pydantic_validator__.validate_json(json.dumps(data), strict=True, context=context)
        except PydanticValidationError as exc:
            wrong = [error for error in exc.errors() if _wrong_json_type(error)]
            if wrong:
                raise PydanticValidationError.from_exception_data(
                    exc.title,
                    [{"type": e["type"], "loc": e["loc"], "input": e["input"]} for e in wrong],
                ) from None
        field = _nul_field(model.model_dump(by_alias=True))
        if field:
            name = field.split(".", 1)[1] if "." in field else field  # drop the wrapper's `payload.`
            raise NUL_CHARACTER(field=name)
        return model

    BodyModel.resolve = classmethod(resolve)  # type: ignore[assignment,method-assign]


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
        error = BEARER_TOKEN_REQUIRED()
        return render(request, error.as_dict(), error.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        error = BODY_TOO_LARGE()
        return render(request, error.as_dict(), error.status_code)

    @api.exception_handler(MultiPartParserError)
    def multipart_unreadable(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        error = MULTIPART_UNREADABLE()
        return render(request, error.as_dict(), error.status_code)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        """Whatever else went wrong stays JSON: 503 naming the service when one is down (Redis, the database),
        500 otherwise; logged with its traceback either way."""
        dependency = _unreachable_dependency(exc)
        error = DEPENDENCY_DOWN(dependency=dependency) if dependency else SERVER_FAULT()
        logger.error(
            "%s %s answered %d: %s",
            request.method,
            request.path,
            error.status_code,
            type(exc).__name__,
            exc_info=exc,
            extra={"dependency": dependency} if dependency else {},
        )
        return render(request, error.as_dict(), error.status_code)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        cause = exc.__cause__
        if isinstance(cause, DomainError):  # raised by JSONBodyParser: 415, 422 for NUL
            return render(request, cause.as_dict(), cause.status_code)
        if isinstance(cause, RequestDataTooBig):
            return too_big(request, cause)
        # Ninja raises HttpError(400) for a body it cannot parse (malformed JSON).
        code = "malformed_request" if exc.status_code == 400 else "http_error"
        return render(request, {"code": code, "message": str(exc)}, exc.status_code)


def document_request_errors(api: NinjaAPI) -> None:
    """Declare in the OpenAPI schema the answers an operation can give before its handler runs: on every
    operation, 414 (URL too long, `ApiUrlLengthMiddleware`); with a body, 400 (not valid JSON), 413 (too large)
    and 415 (not JSON); with a body or parameters, 422 (invalid). Without this, clients and schema fuzzing see
    undocumented status codes."""
    original = api.get_openapi_schema

    def get_openapi_schema(*args: Any, **kwargs: Any) -> Any:
        schema = original(*args, **kwargs)
        error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.setdefault(414, {"description": "URL too long", "content": error_ref})
                if "requestBody" in operation:
                    responses.setdefault(400, {"description": "Malformed request body", "content": error_ref})
                    responses.setdefault(413, {"description": "Request body too large", "content": error_ref})
                    responses.setdefault(
                        415, {"description": "Unsupported content type", "content": error_ref}
                    )
                if "requestBody" in operation or operation.get("parameters"):
                    responses.setdefault(422, {"description": "Invalid request", "content": error_ref})
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]


def api_not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Any /api/ path no operation matches: a JSON 404 like the API's own, not Django's HTML page."""
    error = NO_SUCH_ENDPOINT()
    return JsonResponse(error.as_dict(), status=error.status_code)
