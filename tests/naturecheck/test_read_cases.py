"""GET /api/naturecheck/cases and /cases/{id}: lists with filters, one case with ETag and history."""

import uuid

import pytest

from tests.naturecheck.factories import FarmFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(consultant, other_consultant, farm):
    return {
        "mine_assigned": NatureCheckCaseFactory(consultant=consultant, farm=farm, priority="High"),
        "mine_done": NatureCheckCaseFactory(consultant=consultant, farm=farm, status="Completed"),
        "other_started": NatureCheckCaseFactory(
            consultant=other_consultant, status="InProgress", priority="Low"
        ),
        "other_cancelled": NatureCheckCaseFactory(consultant=other_consultant, status="Cancelled"),
    }


def ids(response):
    assert response.status_code == 200, response.json()
    return {c["id"] for c in response.json()["cases"]}


def pks(*cases):
    return {str(c.pk) for c in cases}


def test_filters_narrow_the_list(nc_api, employee, consultant, farm, cases):
    api = nc_api(employee)
    assert ids(api.get("/naturecheck/cases")) == pks(*cases.values())
    assert ids(api.get("/naturecheck/cases", status="InProgress")) == pks(cases["other_started"])
    assert ids(api.get("/naturecheck/cases", consultant_id=consultant.pk)) == pks(
        cases["mine_assigned"], cases["mine_done"]
    )
    assert ids(api.get("/naturecheck/cases", farm_id=farm.pk)) == pks(
        cases["mine_assigned"], cases["mine_done"]
    )
    assert ids(api.get("/naturecheck/cases", active="true")) == pks(
        cases["mine_assigned"], cases["other_started"]
    )
    assert ids(api.get("/naturecheck/cases", active="false")) == pks(
        cases["mine_done"], cases["other_cancelled"]
    )


def test_the_priority_filter_takes_english_or_danish(nc_api, employee, cases):
    api = nc_api(employee)
    assert ids(api.get("/naturecheck/cases", priority="High")) == pks(cases["mine_assigned"])
    assert ids(api.get("/naturecheck/cases", priority="lav")) == pks(cases["other_started"])
    assert api.get("/naturecheck/cases", priority="Sometime").status_code == 422


def test_the_list_is_paginated(nc_api, employee, cases):
    body = nc_api(employee).get("/naturecheck/cases", limit=3, page=2).json()
    assert body["total"] == 4
    assert len(body["cases"]) == 1
    assert body["pagination"] == {"page": 2, "limit": 3}


def test_listing_takes_the_same_number_of_queries_for_many_cases(
    nc_api, employee, django_assert_max_num_queries
):
    for _ in range(25):
        NatureCheckCaseFactory(farm=FarmFactory())
    api = nc_api(employee)
    # token user, count, page
    with django_assert_max_num_queries(3):
        body = api.get("/naturecheck/cases", limit=25).json()
    assert len(body["cases"]) == 25


def test_one_case_carries_its_version_as_etag_and_its_history(
    nc_api, consultant, cases, django_assert_max_num_queries
):
    case = cases["mine_assigned"]
    api = nc_api(consultant)
    with django_assert_max_num_queries(6):
        response = api.get(f"/naturecheck/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert response.headers["ETag"] == '"1"'
    assert body["row_version"] == 1
    assert body["priority_label"] == "High"
    assert body["status_label"] == "Assigned"
    assert body["history"][0]["change_type"] == "created"


def test_labels_follow_the_callers_language(nc_api, consultant, cases):
    body = nc_api(consultant, language="da").get(f"/naturecheck/cases/{cases['mine_assigned'].pk}").json()
    assert body["priority"] == "High"
    assert body["priority_label"] == "Høj"
    assert body["status_label"] == "Tildelt"


def test_an_unknown_case_is_404(nc_api, employee):
    response = nc_api(employee).get(f"/naturecheck/cases/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json()["code"] == "case_not_found"


def test_anonymous_callers_get_401(anonymous_api, cases):
    assert anonymous_api.get("/naturecheck/cases").status_code == 401
    assert anonymous_api.get(f"/naturecheck/cases/{cases['mine_done'].pk}").status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_nature_check_get_403(request, nc_api, persona, cases):
    api = nc_api(request.getfixturevalue(persona))
    assert api.get("/naturecheck/cases").status_code == 403
    assert api.get(f"/naturecheck/cases/{cases['mine_done'].pk}").status_code == 403
