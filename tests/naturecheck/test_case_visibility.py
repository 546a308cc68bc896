"""One visibility rule for Nature Check cases: a consultant sees only the cases assigned to them, through every
read that returns a case or counts them (the case endpoints, the farm list and detail, the web farm pages and the
consultant picker), exactly as `GET /api/naturecheck/cases/{id}` decides."""

import pytest
from django.urls import reverse

from tests.naturecheck.factories import FarmFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db

SECRET = "Ring efter kl. 16, hunden bider"


@pytest.fixture
def others_case(farm, other_consultant):
    """An active case of another consultant, with notes the consultant must not read."""
    return NatureCheckCaseFactory(farm=farm, consultant=other_consultant, priority="Urgent", notes=SECRET)


@pytest.fixture
def others_finished_case(farm, other_consultant):
    return NatureCheckCaseFactory(farm=farm, consultant=other_consultant, status="Completed", notes=SECRET)


def test_the_case_endpoint_hides_another_consultants_case(nc_api, consultant, others_case):
    assert nc_api(consultant).get(f"/naturecheck/cases/{others_case.pk}").status_code == 404


def test_the_farm_list_does_not_show_another_consultants_active_case(nc_api, consultant, farm, others_case):
    body = nc_api(consultant).get("/naturecheck/farms").json()
    [row] = body["farms"]
    assert row["id"] == str(farm.pk)
    assert row["active_case"] is None
    assert row["has_active_case"] is False
    assert SECRET not in str(body)


def test_the_assigned_filter_decides_on_the_cases_the_caller_may_see(nc_api, consultant, farm, others_case):
    api = nc_api(consultant)
    assert api.get("/naturecheck/farms", filter="assigned").json()["total"] == 0
    assert api.get("/naturecheck/farms", filter="unassigned").json()["total"] == 1


def test_the_farm_detail_lists_only_the_consultants_own_cases(
    nc_api, consultant, farm, others_case, others_finished_case
):
    own = NatureCheckCaseFactory(farm=farm, consultant=consultant, status="Completed")
    body = nc_api(consultant).get(f"/naturecheck/farms/{farm.pk}").json()
    assert [c["id"] for c in body["cases"]] == [str(own.pk)]
    assert body["active_case"] is None
    assert SECRET not in str(body)


def test_employees_still_see_every_case_of_the_farm(
    nc_api, employee, farm, others_case, others_finished_case
):
    body = nc_api(employee).get(f"/naturecheck/farms/{farm.pk}").json()
    assert {c["id"] for c in body["cases"]} == {str(others_case.pk), str(others_finished_case.pk)}
    assert body["active_case"]["id"] == str(others_case.pk)
    listed = nc_api(employee).get("/naturecheck/farms").json()["farms"][0]
    assert listed["active_case"]["notes"] == SECRET


def test_the_web_farm_pages_do_not_show_another_consultants_case(
    client, consultant, farm, others_case, others_finished_case
):
    client.force_login(consultant)
    for url in (reverse("web:naturecheck_farm", args=[farm.pk]), reverse("web:naturecheck_farms")):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert SECRET not in page
        assert "Lars" not in page, url


def test_the_consultant_picker_counts_only_the_cases_the_caller_may_see(
    nc_api, consultant, employee, other_consultant, others_case
):
    NatureCheckCaseFactory(farm=FarmFactory(), consultant=consultant)

    def counts(user):
        rows = nc_api(user).get("/naturecheck/consultants").json()["consultants"]
        return {row["email"]: row["active_case_count"] for row in rows}

    assert counts(employee) == {consultant.email: 1, other_consultant.email: 1}
    assert counts(consultant) == {consultant.email: 1, other_consultant.email: 0}
