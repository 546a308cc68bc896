"""GET /api/citizens (admins: search and filter) and GET /api/citizens/{id}."""

import pytest

from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, handled_by

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [c["id"] for c in response.json()["citizens"]]


def test_admins_list_citizens_with_their_106_case(as_admin):
    plain = CitizenFactory()
    case = CallcenterCaseFactory(callcenter_case_number="654321")

    response = as_admin.get("/citizens")

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    by_id = {c["id"]: c for c in body["citizens"]}
    assert by_id[plain.pk]["callcenter_case"] is None
    assert by_id[case.citizen_id]["callcenter_case"]["callcenterCaseNumber"] == "654321"


@pytest.mark.parametrize("query", ["נועה", "noa", "0529998877", "FX-77"])
def test_search_matches_names_phones_and_fid(as_admin, query):
    wanted = CitizenFactory(first_name="נועה", last_name="Noam", phone2="0529998877", fid="FX-77")
    CitizenFactory(first_name="Dan", last_name="Levi", phone1="0501111111", fid="FX-78")

    assert ids(as_admin.get("/citizens", search=query)) == [wanted.pk]


def test_filters_by_status_106_case_and_appearance_count(as_admin):
    pending = CitizenFactory(appearance_count=0)
    updated = CitizenFactory(status="Updated", appearance_count=1)
    with_case = CallcenterCaseFactory(citizen__appearance_count=3).citizen

    assert ids(as_admin.get("/citizens", status="Updated")) == [updated.pk]
    assert ids(as_admin.get("/citizens", has_case="true")) == [with_case.pk]
    assert ids(as_admin.get("/citizens", has_case="false")) == [pending.pk, updated.pk]
    assert ids(as_admin.get("/citizens", appearance_count=3)) == [with_case.pk]


def test_the_list_is_paginated(as_admin):
    citizens = CitizenFactory.create_batch(5)

    response = as_admin.get("/citizens", page=2, limit=2)

    assert ids(response) == [c.pk for c in citizens[2:4]]
    assert response.json()["pagination"] == {"page": 2, "limit": 2}
    assert response.json()["total"] == 5


def test_listing_takes_the_same_few_queries_for_any_number_of_citizens(
    as_admin, django_assert_max_num_queries
):
    for _ in range(30):
        CallcenterCaseFactory()
    CitizenFactory.create_batch(30)
    # the token's user, the count, the page with its cases; the read audit's INSERT
    with django_assert_max_num_queries(4):
        response = as_admin.get("/citizens", limit=100)
    assert len(response.json()["citizens"]) == 60


@pytest.mark.parametrize(("params", "field"), [({"status": "Done"}, "status"), ({"limit": 101}, "limit")])
def test_bad_filters_give_422(as_admin, params, field):
    response = as_admin.get("/citizens", **params)
    assert (response.status_code, response.json()["field"]) == (422, field)


def test_operators_may_not_search_the_list(as_operator):
    assert as_operator.get("/citizens").status_code == 403


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_the_call_center_get_403(api_as, request, persona):
    assert api_as(request.getfixturevalue(persona)).get("/citizens").status_code == 403


def test_anonymous_callers_get_401(anonymous_api):
    assert anonymous_api.get("/citizens").status_code == 401
    assert anonymous_api.get("/citizens/1").status_code == 401


def test_operators_read_a_citizen_in_two_queries(as_operator, operator, django_assert_max_num_queries):
    case = CallcenterCaseFactory(citizen=handled_by(operator, CitizenFactory()))
    with django_assert_max_num_queries(4):  # and the read audit: its INSERT (PostgreSQL: and SET LOCAL)
        response = as_operator.get(f"/citizens/{case.citizen_id}")
    assert response.json()["callcenter_case"]["id"] == case.pk


def test_reading_an_unknown_citizen_gives_404(as_operator):
    response = as_operator.get("/citizens/777777")
    assert (response.status_code, response.json()["message"]) == (404, "Citizen not found.")


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_the_call_center_may_not_read_a_citizen(api_as, request, persona):
    citizen = CitizenFactory()
    assert api_as(request.getfixturevalue(persona)).get(f"/citizens/{citizen.pk}").status_code == 403
