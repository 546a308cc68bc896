"""Every call-center endpoint is in the OpenAPI schema with its error answers."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/citizens/next"): {"200", "204", "401", "403"},
    ("post", "/api/citizens/106-case"): {"201", "401", "403", "404", "409", "422"},
    ("get", "/api/citizens/106-case/{case_id}"): {"200", "401", "403", "404"},
    ("get", "/api/citizens"): {"200", "401", "403", "422"},
    ("get", "/api/citizens/{citizen_id}"): {"200", "401", "403", "404"},
    ("put", "/api/citizens/{citizen_id}"): {"200", "401", "403", "404", "409", "422"},
    ("get", "/api/admin/citizens"): {"200", "401", "403"},
    ("post", "/api/admin/citizens"): {"201", "401", "403", "409", "422"},
    ("delete", "/api/admin/citizens"): {"200", "401", "403", "422"},
}


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


@pytest.mark.parametrize(("method", "path"), sorted(ENDPOINTS))
def test_the_endpoint_is_documented_with_its_status_codes(schema, method, path):
    operation = schema["paths"][path][method]
    assert ENDPOINTS[method, path] <= set(operation["responses"])
    assert operation.get("description")


def test_the_export_is_documented_as_csv_with_its_injection_rule(schema):
    operation = schema["paths"]["/api/admin/citizens"]["get"]
    assert "text/csv" in operation["responses"]["200"]["content"]
    assert "apostrophe" in operation["description"]


def test_the_106_case_request_accepts_id_or_citizen_record_id(schema):
    body = schema["components"]["schemas"]["CreateCallcenterCaseRequest"]["properties"]
    assert {"id", "citizenRecordId", "caseNumber"} <= set(body)
