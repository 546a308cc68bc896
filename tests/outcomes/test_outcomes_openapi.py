"""Every outcomes endpoint is documented, with its error answers and camelCase inputs."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/admin/outcomes"),
    ("post", "/api/admin/outcomes"),
    ("post", "/api/admin/outcomes/reorder"),
    ("patch", "/api/admin/outcomes/{outcome_id}"),
    ("post", "/api/admin/outcomes/{outcome_id}/enable"),
    ("post", "/api/admin/outcomes/{outcome_id}/disable"),
    ("get", "/api/cases/outcomes/definitions"),
    ("get", "/api/cases/{case_id}/interactions/{interaction_id}/outcomes"),
    ("put", "/api/cases/{case_id}/interactions/{interaction_id}/outcomes"),
    ("get", "/api/reports/outcomes"),
}


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def test_every_outcomes_endpoint_is_in_the_schema_with_a_description_and_error_answers(schema):
    for method, path in ENDPOINTS:
        operation = schema["paths"][path][method]
        assert operation.get("description"), (method, path)
        assert {"401", "403", "422"} <= set(operation["responses"]), (method, path)


def test_the_report_documents_its_camel_case_parameters(schema):
    names = {p["name"] for p in schema["paths"]["/api/reports/outcomes"]["get"]["parameters"]}

    assert {"from", "to", "staffId", "interactionType", "bucket", "includeNonReportable"} <= names


def test_the_cases_router_does_not_shadow_the_definitions_path(api_as, viewer):
    assert api_as(viewer).get("/cases/outcomes/definitions").status_code == 200
