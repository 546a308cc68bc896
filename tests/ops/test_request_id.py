"""Every response carries a request id, and every log line of the request carries the same id."""

import io
import json
import logging

from django.test import Client

from casework.ops.logs import JsonFormatter, RequestIdFilter


def test_a_request_id_sent_by_the_client_is_echoed_in_the_response(db):
    response = Client().get("/healthz", headers={"X-Request-ID": "lb-7f3a9c"})

    assert response["X-Request-ID"] == "lb-7f3a9c"


def test_a_request_without_an_id_gets_a_fresh_one(db):
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/healthz")["X-Request-ID"]

    assert len(first) == 32
    assert first != second


def test_an_unsafe_request_id_is_replaced_not_echoed(db):
    response = Client().get("/healthz", headers={"X-Request-ID": "bad id\nwith a newline"})

    assert response["X-Request-ID"] != "bad id\nwith a newline"
    assert len(response["X-Request-ID"]) == 32


def test_the_access_log_is_one_json_line_with_the_request_id_and_route(db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("casework.request")
    logger.addHandler(handler)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        Client().get("/api/openapi.json", headers={"X-Request-ID": "req-42"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "req-42"
    assert line["level"] == "INFO"
    assert line["logger"] == "casework.request"
    assert line["message"] == "GET /api/openapi.json 200"
    assert line["method"] == "GET"
    assert line["path"] == "/api/openapi.json"
    assert line["route"] == "api/openapi.json"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


def test_a_log_line_outside_a_request_has_a_dash_for_request_id_and_carries_the_traceback():
    record = logging.LogRecord("casework.test", logging.ERROR, __file__, 1, "it broke: %s", ("badly",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)

    line = json.loads(JsonFormatter().format(record))

    assert line["request_id"] == "-"
    assert line["message"] == "it broke: badly"
    assert "ValueError: boom" in line["exc_info"]
