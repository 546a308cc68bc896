"""The plan's API as a whole: who may call what, cases and records that do not exist, malformed bodies, and
the documentation of every endpoint."""

import uuid

import pytest

from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService
from tests.cases.plan.factories import CaseMilestoneFactory, DeliveredServiceFactory, link, service_body

pytestmark = pytest.mark.django_db

WRITERS = ["caseworker", "manager", "admin"]


def case_endpoints(case, other_case, relationship, service, milestone):
    """Every endpoint as (method, path, body) with a valid body."""
    return {
        "list links": ("get", f"/cases/{case.pk}/relationships", None),
        "add link": (
            "post",
            f"/cases/{case.pk}/relationships",
            {"related_case_id": str(other_case.pk), "relationship_type": "blocks"},
        ),
        "remove link": ("delete", f"/cases/{case.pk}/relationships/{relationship.pk}", None),
        "list services": ("get", f"/cases/{case.pk}/services", None),
        "add service": ("post", f"/cases/{case.pk}/services", service_body()),
        "change service": ("put", f"/services/{service.pk}", {"status": "completed"}),
        "remove service": ("delete", f"/services/{service.pk}", None),
        "list milestones": ("get", f"/cases/{case.pk}/milestones", None),
        "add milestone": ("post", f"/cases/{case.pk}/milestones", {"milestone_name": "Budget plan"}),
        "reorder milestones": (
            "post",
            f"/cases/{case.pk}/milestones/reorder",
            {"orderedIds": [str(milestone.pk)]},
        ),
        "change milestone": ("put", f"/milestones/{milestone.pk}", {"is_completed": True}),
        "remove milestone": ("delete", f"/milestones/{milestone.pk}", None),
    }


READS = ["list links", "list services", "list milestones"]
WRITES = [
    "add link",
    "remove link",
    "add service",
    "change service",
    "remove service",
    "add milestone",
    "reorder milestones",
    "change milestone",
    "remove milestone",
]
SUCCESS = {"get": 200, "put": 200, "delete": 204}


@pytest.fixture
def endpoints(case, other_case):
    relationship = link(case, other_case, "related")
    return case_endpoints(
        case, other_case, relationship, DeliveredServiceFactory(case=case), CaseMilestoneFactory(case=case)
    )


def call(api, endpoint):
    method, path, body = endpoint
    if body is None:
        return getattr(api, method)(path)
    return getattr(api, method)(path, body)


@pytest.mark.parametrize("name", READS + WRITES)
def test_anonymous_callers_get_401_everywhere(anonymous_api, endpoints, name):
    response = call(anonymous_api, endpoints[name])
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("name", WRITES)
def test_a_viewer_may_not_change_the_plan(api_as, viewer, endpoints, name):
    response = call(api_as(viewer), endpoints[name])
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert CaseRelationship.objects.count() == 2
    assert DeliveredService.objects.count() == 1
    assert CaseMilestone.objects.filter(is_completed=False).count() == 1


@pytest.mark.parametrize("role", ["viewer", *WRITERS])
@pytest.mark.parametrize("name", READS)
def test_every_role_may_read_the_plan(request, api_as, endpoints, role, name):
    response = call(api_as(request.getfixturevalue(role)), endpoints[name])
    assert response.status_code == 200


@pytest.mark.parametrize("role", WRITERS)
@pytest.mark.parametrize("name", WRITES)
def test_caseworkers_managers_and_admins_may_change_the_plan(request, api_as, endpoints, role, name):
    method, _, _ = endpoints[name]
    response = call(api_as(request.getfixturevalue(role)), endpoints[name])
    expected = 201 if method == "post" and name != "reorder milestones" else SUCCESS.get(method, 200)
    assert response.status_code == expected, response.json() if response.content else None


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{missing}/relationships",
        "/cases/{missing}/services",
        "/cases/{missing}/milestones",
    ],
)
def test_reading_the_plan_of_a_case_that_does_not_exist_is_not_found(api_as, viewer, path):
    response = api_as(viewer).get(path.format(missing=uuid.uuid4()))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("name", ["add link", "add service", "add milestone", "reorder milestones"])
def test_writing_to_the_plan_of_a_case_that_does_not_exist_is_not_found(
    api_as, caseworker, endpoints, case, name
):
    method, path, body = endpoints[name]
    response = getattr(api_as(caseworker), method)(path.replace(str(case.pk), str(uuid.uuid4())), body)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["change service", "remove service", "change milestone", "remove milestone"])
def test_a_service_or_milestone_that_does_not_exist_is_not_found(api_as, caseworker, endpoints, name):
    method, path, body = endpoints[name]
    missing = path.rsplit("/", 1)[0] + f"/{uuid.uuid4()}"
    response = call(api_as(caseworker), (method, missing, body))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["add link", "add service", "change service", "add milestone", "change milestone"]
)
def test_a_malformed_body_is_a_422_naming_the_field(api_as, caseworker, endpoints, name):
    method, path, _ = endpoints[name]
    bad = {
        "add link": {"related_case_id": "not-a-uuid", "relationship_type": "related"},
        "add service": service_body(service_date="10/02/2026"),
        "change service": {"duration_minutes": "long"},
        "add milestone": {"milestone_name": "Plan", "due_date": "soon"},
        "change milestone": {"is_completed": "perhaps"},
    }[name]
    response = getattr(api_as(caseworker), method)(path, bad)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["field"] in {
        "related_case_id",
        "service_date",
        "duration_minutes",
        "due_date",
        "is_completed",
    }


# --- documentation ---------------------------------------------------------------------------------------------

PLAN_ENDPOINTS = {
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
}


def test_every_plan_endpoint_is_documented_with_its_errors(client):
    schema = client.get("/api/openapi.json").json()
    for method, path in PLAN_ENDPOINTS:
        operation = schema["paths"][path][method]
        assert {"401", "403", "404", "422"} <= set(operation["responses"]), (method, path)
        assert operation.get("description") or operation.get("summary"), (method, path)


def test_the_documented_cost_is_a_decimal_string(client):
    schema = client.get("/api/openapi.json").json()
    cost = schema["components"]["schemas"]["ServiceOut"]["properties"]["cost"]
    assert {"type": "string", "format": "decimal", "examples": ["125.50"]} in cost["anyOf"]
