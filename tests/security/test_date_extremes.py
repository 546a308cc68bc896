"""Every date and date-time query parameter of every operation answers JSON for the extremes of the calendar:
200, or 422 naming the parameter, never a 500. The parameters are read from the OpenAPI schema, so a new one is
covered without touching this file."""

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client

from casework.accounts.tokens import issue_token
from casework.config.api import api
from tests.security.requests_ import build_request, send

pytestmark = pytest.mark.django_db

EXTREMES = {
    "date": ("0001-01-01", "9999-12-31"),
    "date-time": ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"),
}


def _format(schema: dict[str, Any]) -> str | None:
    if schema.get("format") in EXTREMES:
        return schema["format"]
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            found = _format(option)
            if found:
                return found
    return None


def date_parameters() -> list[tuple[str, str, dict[str, str]]]:
    """(method, path, {parameter: format}) for each operation with date or date-time query parameters."""
    found = []
    for path, operations in api.get_openapi_schema(path_prefix="/api/")["paths"].items():
        for method, operation in operations.items():
            params = {
                p["name"]: fmt
                for p in operation.get("parameters", [])
                if p["in"] == "query" and (fmt := _format(p.get("schema", {})))
            }
            if params:
                found.append((method, path, params))
    return found


def test_the_schema_has_date_parameters_to_try():
    names = {(path, name) for _, path, params in date_parameters() for name in params}
    assert ("/api/reports/outcomes", "to") in names
    assert ("/api/cases/summary", "from") in names


def _tries(params: dict[str, str]) -> list[dict[str, str]]:
    """Each parameter alone at each extreme, then every parameter at the low and at the high extreme."""
    tries = [{name: value} for name, fmt in params.items() for value in EXTREMES[fmt]]
    tries += [{name: EXTREMES[fmt][end] for name, fmt in params.items()} for end in (0, 1)]
    tries += [{name: EXTREMES[fmt][end] for end, (name, fmt) in enumerate(params.items())}]
    return tries


@pytest.mark.parametrize(
    ("method", "path", "params"), date_parameters(), ids=[f"{m} {p}" for m, p, _ in date_parameters()]
)
def test_a_date_at_either_end_of_the_calendar_is_200_or_422_naming_it(world, method, path, params):
    headers = {"Authorization": f"Bearer {issue_token(world.users['admin']).token}"}
    for values in _tries(params):
        req = build_request(world, "admin", method, path)
        url = urlsplit(req.url)
        query = {**dict(parse_qsl(url.query)), **values}
        req.url = f"{url.path}?{urlencode(query)}"
        response = send(Client(), headers, method, req)
        assert response.status_code in (200, 422), (values, response.status_code, response.content[:300])
        if response.status_code == 422:
            assert response["Content-Type"].startswith("application/json"), values
            body = response.json()
            named = {body.get("field")} | {
                str(error.get("loc", [""])[-1]) for error in body.get("errors", [])
            }
            assert named & set(params), (values, body)
