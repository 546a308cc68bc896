"""Every endpoint of the contract is documented in the OpenAPI schema served at /api/docs."""

import pytest

pytestmark = pytest.mark.django_db

CONTRACT = {
    ("post", "/api/auth/login"),
    ("get", "/api/auth/me"),
    ("get", "/api/contacts"),
    ("post", "/api/contacts"),
    ("get", "/api/contacts/{contact_id}"),
    ("put", "/api/contacts/{contact_id}"),
    ("delete", "/api/contacts/{contact_id}"),
    ("get", "/api/cases/types"),
    ("get", "/api/cases/statuses"),
    ("get", "/api/cases/summary"),
    ("get", "/api/cases"),
    ("post", "/api/cases"),
    ("get", "/api/cases/{case_id}"),
    ("put", "/api/cases/{case_id}"),
    ("delete", "/api/cases/{case_id}"),
    ("put", "/api/cases/{case_id}/status"),
    ("get", "/api/cases/{case_id}/notes"),
    ("post", "/api/cases/notes"),
    ("get", "/api/cases/{case_id}/history"),
}


@pytest.fixture
def schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_contract_endpoint_is_in_the_schema(schema):
    documented = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert documented >= CONTRACT, sorted(CONTRACT - documented)


def test_every_endpoint_but_login_requires_a_bearer_token(schema):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if (method, path) == ("post", "/api/auth/login"):
                assert not op.get("security")
            else:
                assert op.get("security") == [{"JWTAuth": []}], (method, path)


def test_error_responses_are_documented(schema):
    case_put = schema["paths"]["/api/cases/{case_id}"]["put"]["responses"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(case_put)


def test_the_interactive_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
