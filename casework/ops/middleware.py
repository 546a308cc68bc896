"""Request middleware: a request id on every request, its access log line, and its latency metric."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from casework.core.errors import URL_TOO_LONG
from casework.ops.logs import request_id_var
from casework.ops.metrics import observe_request

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the load balancer or the client is kept when it is short and harmless in a log line.
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")

access_log = logging.getLogger("casework.request")


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered (`api/cases/<uuid:case_id>`), not the path, so metrics stay few."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else "<unmatched>"


class RequestIdMiddleware:
    """Take X-Request-ID from the request (or make one), expose it to logs, echo it in the response, and write
    one access log line per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _ACCEPTABLE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route_of(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class MetricsMiddleware:
    """Record each request's latency by method, route and status for /metrics."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        observe_request(
            method=request.method or "",
            route=route_of(request),
            status=response.status_code,
            seconds=time.perf_counter() - started,
        )
        return response


class ApiUrlLengthMiddleware:
    """An API URL longer than `API_MAX_URL_BYTES` is 414 with the API's JSON error body, documented on every
    operation, instead of whatever the HTTP server in front says (gunicorn reads request lines up to 8190
    bytes, `casework serve`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.API_MAX_URL_BYTES
        if request.path.startswith("/api/") and len(request.get_full_path().encode()) > limit:
            error = URL_TOO_LONG(limit=limit)
            return JsonResponse(error.as_dict(), status=error.status_code)
        return self.get_response(request)
