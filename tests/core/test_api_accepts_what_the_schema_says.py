"""The API accepts exactly what its OpenAPI schema says: JSON types as declared (no `0` for false), dates as
YYYY-MM-DD, a query parameter once, nulls only where the schema offers them, and long URLs as a documented
JSON 414. Found by schemathesis's positive_data_acceptance and negative_data_rejection checks."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _error(response, status: int, field: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body.get("field") == field, body
    return body


@pytest.fixture
def api(api_as, admin):
    return api_as(admin)


@pytest.fixture
def contact(api):
    response = api.post("/contacts", {"first_name": "Ada", "last_name": "Lovelace"})
    assert response.status_code == 201, response.content
    return response.json()


def test_a_number_is_not_a_boolean(api):
    _error(api.post("/teams", {"name": "Intake", "is_active": 0}), 422, "is_active")


def test_a_boolean_is_not_a_number(api):
    _error(
        api.post("/admin/outcomes", {"key": "housed", "name": "Housed", "sortOrder": False}), 422, "sortOrder"
    )


def test_text_is_not_a_number(api, contact):
    _error(api.put(f"/contacts/{contact['id']}", {"city": "Aarhus", "row_version": "1"}), 422, "row_version")


def test_a_whole_number_written_with_a_point_is_a_number(api, contact):
    response = api.put(f"/contacts/{contact['id']}", {"city": "Aarhus", "row_version": 1.0})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("value", ["0", "1700000000"])
def test_a_date_in_the_query_is_year_month_day(api, value):
    _error(api.get("/cases/summary", to=value), 422, "to")


def test_a_date_in_a_body_is_year_month_day_text(api):
    body = {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": 0}
    _error(api.post("/contacts", body), 422, "date_of_birth")


def test_a_query_parameter_given_twice_is_refused_naming_it(admin_headers):
    response = Client().get("/api/users?role=viewer&role=admin", headers=admin_headers)
    body = _error(response, 422, "role")
    assert body["code"] == "validation_error"


def test_a_nul_character_in_a_field_the_operation_ignores_does_not_refuse_it(api):
    body = {"first_name": "Ada", "last_name": "Lovelace", "nickname\x00": "x", "extra": "a\x00b"}
    assert api.post("/contacts", body).status_code == 201


def test_a_contact_name_cannot_be_cleared_with_null(api, contact):
    _error(api.put(f"/contacts/{contact['id']}", {"last_name": None}), 422, "last_name")


def test_a_contact_text_field_may_be_null_as_the_schema_says(api):
    response = api.post("/contacts", {"first_name": "Ada", "last_name": "Lovelace", "notes": None})
    assert response.status_code == 201, response.content
    assert response.json()["notes"] == ""


def test_partial_updates_do_not_offer_null_for_fields_that_refuse_it(schema_components):
    update = schema_components["MilestoneUpdateIn"]["properties"]
    assert update["is_completed"]["type"] == "boolean"
    assert update["milestone_name"]["type"] == "string"


def test_a_service_time_of_day_is_documented_without_offset(schema_components):
    start = schema_components["ServiceIn"]["properties"]["start_time"]["anyOf"][0]
    assert start["pattern"].startswith("^") and "format" not in start


def test_a_too_long_api_url_is_a_documented_json_414(api, settings, schema_components, client):
    response = api.get("/contacts", search="x" * settings.API_MAX_URL_BYTES)
    body = _error(response, 414, None)
    assert body["code"] == "uri_too_long"
    schema = client.get("/api/openapi.json").json()
    assert all("414" in op["responses"] for ops in schema["paths"].values() for op in ops.values())


def test_clearing_the_citizens_documents_confirm_as_required_and_true(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/admin/citizens"]["delete"]
    assert operation["parameters"] == [
        {
            "in": "query",
            "name": "confirm",
            "required": True,
            "schema": {"type": "boolean", "enum": [True]},
            "description": "Must be true: the deletion cannot be undone",
        }
    ]


def test_the_unsupported_program_filter_is_refused_and_not_offered(api, client):
    response = api.get("/reports/outcomes", **{"from": "2026-01-01", "to": "2026-01-31", "programId": "p1"})
    _error(response, 422, "programId")
    parameters = client.get("/api/openapi.json").json()["paths"]["/api/reports/outcomes"]["get"]["parameters"]
    assert "programId" not in {parameter["name"] for parameter in parameters}


@pytest.fixture
def schema_components(client):
    return client.get("/api/openapi.json").json()["components"]["schemas"]


@pytest.fixture
def admin_headers(admin):
    from casework.accounts.tokens import issue_token

    return {"Authorization": f"Bearer {issue_token(admin).token}"}
