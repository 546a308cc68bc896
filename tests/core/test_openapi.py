"""Every endpoint of the contract is documented in the OpenAPI schema served at /api/docs."""

import json

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
    # issue 3: assignment, notifications, documents, case plan, outcomes, reports
    ("put", "/api/cases/{case_id}/assignment"),
    ("get", "/api/cases/{case_id}/assignments"),
    ("get", "/api/cases/workload"),
    ("get", "/api/notifications"),
    ("post", "/api/notifications/{notification_id}/read"),
    ("post", "/api/notifications/read-all"),
    ("post", "/api/cases/{case_id}/documents"),
    ("get", "/api/cases/{case_id}/documents"),
    ("get", "/api/documents/{document_id}/download"),
    ("post", "/api/documents/{document_id}/versions"),
    ("delete", "/api/documents/{document_id}"),
    ("get", "/api/cases/{case_id}/relationships"),
    ("post", "/api/cases/{case_id}/relationships"),
    ("delete", "/api/cases/{case_id}/relationships/{relationship_id}"),
    ("get", "/api/cases/{case_id}/services"),
    ("post", "/api/cases/{case_id}/services"),
    ("put", "/api/services/{service_id}"),
    ("delete", "/api/services/{service_id}"),
    ("get", "/api/cases/{case_id}/milestones"),
    ("post", "/api/cases/{case_id}/milestones"),
    ("post", "/api/cases/{case_id}/milestones/reorder"),
    ("put", "/api/milestones/{milestone_id}"),
    ("delete", "/api/milestones/{milestone_id}"),
    ("get", "/api/admin/outcomes"),
    ("post", "/api/admin/outcomes"),
    ("patch", "/api/admin/outcomes/{outcome_id}"),
    ("post", "/api/admin/outcomes/{outcome_id}/enable"),
    ("post", "/api/admin/outcomes/{outcome_id}/disable"),
    ("post", "/api/admin/outcomes/reorder"),
    ("get", "/api/cases/outcomes/definitions"),
    ("get", "/api/cases/{case_id}/interactions/{interaction_id}/outcomes"),
    ("put", "/api/cases/{case_id}/interactions/{interaction_id}/outcomes"),
    ("get", "/api/reports/outcomes"),
    ("get", "/api/reports/cases.csv"),
    ("get", "/api/reports/cases.xlsx"),
    # issue 4: Nature Check
    ("get", "/api/naturecheck/farms"),
    ("post", "/api/naturecheck/farms"),
    ("get", "/api/naturecheck/farms/{farm_id}"),
    ("put", "/api/naturecheck/farms/{farm_id}"),
    ("delete", "/api/naturecheck/farms/{farm_id}"),
    ("get", "/api/naturecheck/consultants"),
    ("post", "/api/naturecheck/cases"),
    ("get", "/api/naturecheck/cases"),
    ("get", "/api/naturecheck/cases/{case_id}"),
    ("put", "/api/naturecheck/cases/{case_id}"),
    ("put", "/api/naturecheck/cases/{case_id}/status"),
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
            if (method, path) in {("post", "/api/auth/login"), ("post", "/api/auth/login/mfa")}:
                assert not op.get("security")
            else:
                assert op.get("security") == [{"JWTAuth": []}], (method, path)


def test_operation_ids_are_the_handlers_names_and_unique(schema):
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert schema["paths"]["/api/cases"]["get"]["operationId"] == "list_cases"
    assert schema["paths"]["/api/naturecheck/cases"]["get"]["operationId"] == "list_naturecheck_cases"


def test_error_responses_are_documented(schema):
    case_put = schema["paths"]["/api/cases/{case_id}"]["put"]["responses"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(case_put)


def test_the_interactive_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_the_served_schema_has_no_key_twice(client):
    # Swagger UI parses the schema as YAML and refuses a duplicated key ("200" beside 200 once blanked the docs);
    # json.loads would keep the last one silently.
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), sorted(key for key in keys if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=no_duplicates)


def _models_in(annotation, found: set) -> None:
    """Every pydantic model an annotation names, through lists, unions and nested models' fields."""
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for model_field in annotation.model_fields.values():
            _models_in(model_field.annotation, found)
        return
    for argument in get_args(annotation):
        _models_in(argument, found)


def test_no_two_schemas_share_a_component_name():
    # The OpenAPI components are keyed by the model's name: two models of one name would make one overwrite the
    # other, so an endpoint documents another's body (Nature Check's CaseIn once replaced the cases app's).
    from casework.config.api import api

    found: set = set()
    for _, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    _models_in(model, found)
    # django-ninja's per-operation wrappers (BodyParams, QueryParams, HeaderParams, ...) never become components.
    wrappers = {name for name in (model.__name__ for model in found) if name.endswith("Params")}
    wrappers.add("NinjaResponseSchema")
    by_name: dict[str, set] = {}
    for model in found:
        by_name.setdefault(model.__name__, set()).add(model)
    shared = {name: models for name, models in by_name.items() if len(models) > 1 and name not in wrappers}
    assert not shared, shared
    assert {
        "CaseIn",
        "CaseOut",
        "NatureCheckCaseOut",
    } <= by_name.keys()  # the walk reached the domain schemas
