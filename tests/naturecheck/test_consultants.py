"""GET /api/naturecheck/consultants: the assignment picker."""

import pytest

from tests.naturecheck.factories import ConsultantFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


def test_active_consultants_sorted_by_first_then_last_name_with_their_active_case_count(
    nc_api, employee, consultant, other_consultant
):
    ConsultantFactory(first_name="Lars", last_name="Andersen", email="lars.andersen@naturtjek.example")
    ConsultantFactory(first_name="Anna", last_name="Berg", is_active=False)
    NatureCheckCaseFactory.create_batch(2, consultant=consultant)
    NatureCheckCaseFactory(consultant=consultant, status="InProgress")
    NatureCheckCaseFactory(consultant=consultant, status="Completed")
    NatureCheckCaseFactory(consultant=other_consultant, status="Cancelled")
    body = nc_api(employee).get("/naturecheck/consultants").json()
    rows = [(c["first_name"], c["last_name"], c["active_case_count"]) for c in body["consultants"]]
    assert rows == [("Lars", "Andersen", 0), ("Lars", "Nielsen", 0), ("Mette", "Jensen", 3)]
    assert body["total"] == 3


def test_people_in_other_roles_are_not_offered(nc_api, employee, consultant, manager, caseworker):
    body = nc_api(employee).get("/naturecheck/consultants").json()
    assert [c["id"] for c in body["consultants"]] == [str(consultant.pk)]


def test_search_by_name_or_email(nc_api, employee, consultant, other_consultant):
    api = nc_api(employee)
    assert [
        c["last_name"] for c in api.get("/naturecheck/consultants", search="mette").json()["consultants"]
    ] == ["Jensen"]
    assert [
        c["last_name"] for c in api.get("/naturecheck/consultants", search="lars.n").json()["consultants"]
    ] == ["Nielsen"]


def test_the_picker_takes_the_same_number_of_queries_for_many_consultants(
    nc_api, employee, django_assert_max_num_queries
):
    for consultant in ConsultantFactory.create_batch(15):
        NatureCheckCaseFactory(consultant=consultant)
    api = nc_api(employee)
    # token user, count, page with counts
    with django_assert_max_num_queries(3):
        body = api.get("/naturecheck/consultants").json()
    assert len(body["consultants"]) == 15
    assert {c["active_case_count"] for c in body["consultants"]} == {1}


def test_the_picker_is_paginated(nc_api, employee):
    ConsultantFactory.create_batch(5)
    body = nc_api(employee).get("/naturecheck/consultants", limit=2, page=3).json()
    assert body["total"] == 5
    assert len(body["consultants"]) == 1
    assert nc_api(employee).get("/naturecheck/consultants", limit=101).status_code == 422


def test_anonymous_callers_get_401(anonymous_api):
    assert anonymous_api.get("/naturecheck/consultants").status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_nature_check_get_403(request, nc_api, persona):
    assert nc_api(request.getfixturevalue(persona)).get("/naturecheck/consultants").status_code == 403
