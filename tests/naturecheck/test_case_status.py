"""PUT /api/naturecheck/cases/{id}/status: Assigned → InProgress → Completed, or → Cancelled while active."""

import uuid

import pytest

from casework.naturecheck.models import NatureCheckCase
from tests.naturecheck.factories import NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(consultant, employee):
    return NatureCheckCaseFactory(consultant=consultant, assigned_by=employee)


def move(api, case, status, version=None):
    version = version if version is not None else NatureCheckCase.objects.get(pk=case.pk).row_version
    return api.put(f"/naturecheck/cases/{case.pk}/status", {"status": status, "row_version": version})


def test_the_consultant_on_the_case_starts_and_completes_it(nc_api, consultant, case):
    api = nc_api(consultant)
    started = move(api, case, "InProgress")
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "InProgress"
    assert started.json()["is_active"] is True
    completed = move(api, case, "Completed")
    assert completed.json()["status"] == "Completed"
    assert completed.json()["is_active"] is False
    assert completed.json()["row_version"] == 3
    statuses = [c["new"] for e in completed.json()["history"] for c in e["changes"] if c["field"] == "status"]
    assert statuses == ["Completed", "InProgress", "Assigned"]


def test_another_consultant_may_not_move_the_case(nc_api, other_consultant, case):
    # A consultant sees only their own cases: another consultant's case is not found (issue 8).
    response = move(nc_api(other_consultant), case, "InProgress")
    assert response.status_code == 404
    assert response.json()["code"] == "case_not_found"
    assert NatureCheckCase.objects.get(pk=case.pk).status == "Assigned"


def test_the_consultant_on_the_case_may_not_cancel_it(nc_api, consultant, case):
    response = move(nc_api(consultant), case, "Cancelled")
    assert response.status_code == 403
    assert NatureCheckCase.objects.get(pk=case.pk).status == "Assigned"


@pytest.mark.parametrize("start", ["Assigned", "InProgress"])
def test_an_employee_cancels_an_active_case(nc_api, employee, start):
    case = NatureCheckCaseFactory(status=start)
    assert move(nc_api(employee), case, "Cancelled").json()["status"] == "Cancelled"


def test_skipping_a_step_is_422_listing_the_allowed_statuses(nc_api, employee, case):
    response = move(nc_api(employee), case, "Completed")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_transition"
    assert response.json()["allowed"] == ["InProgress", "Cancelled"]


def test_the_refusal_names_the_statuses_in_danish(nc_api, employee, case):
    response = move(nc_api(employee, language="da"), case, "Completed")
    assert response.json()["message"] == "En opgave kan ikke gå fra Tildelt til Afsluttet."


@pytest.mark.parametrize("finished", ["Completed", "Cancelled"])
def test_a_finished_case_does_not_move_again(nc_api, employee, finished):
    case = NatureCheckCaseFactory(status=finished)
    response = move(nc_api(employee), case, "InProgress")
    assert response.status_code == 409
    assert response.json()["code"] == "case_not_active"


def test_a_stale_version_is_409_with_the_current_case(nc_api, employee, consultant, case):
    move(nc_api(consultant), case, "InProgress")
    response = move(nc_api(employee), case, "Cancelled", version=1)
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_modification"
    assert response.json()["current"]["status"] == "InProgress"


def test_an_unknown_status_is_422(nc_api, employee, case):
    assert move(nc_api(employee), case, "Done").status_code == 422


def test_an_unknown_case_is_404(nc_api, employee):
    response = nc_api(employee).put(
        f"/naturecheck/cases/{uuid.uuid4()}/status", {"status": "InProgress", "row_version": 1}
    )
    assert response.status_code == 404


def test_anonymous_callers_get_401(anonymous_api, case):
    assert move(anonymous_api, case, "InProgress", version=1).status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_nature_check_get_403(request, nc_api, persona, case):
    assert move(nc_api(request.getfixturevalue(persona)), case, "InProgress").status_code == 403
