"""PUT /api/naturecheck/cases/{id}: update and reassign an active case safely (UC002B.3)."""

import uuid

import pytest

from casework.naturecheck.models import NatureCheckCase
from casework.notifications.models import Notification
from tests.naturecheck.factories import ConsultantFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(nc_api, employee, consultant, farm):
    response = nc_api(employee).post(
        "/naturecheck/cases",
        {
            "farm_id": str(farm.pk),
            "consultant_id": str(consultant.pk),
            "priority": "Low",
            "notes": "First visit",
        },
    )
    assert response.status_code == 201
    return NatureCheckCase.objects.get(pk=response.json()["id"])


def url(case):
    return f"/naturecheck/cases/{case.pk}"


def test_reassigning_notifies_the_new_consultant_and_marks_the_old_notification_read(
    nc_api, employee, consultant, other_consultant, case
):
    response = nc_api(employee).put(url(case), {"row_version": 1, "consultant_id": str(other_consultant.pk)})
    assert response.status_code == 200, response.json()
    assert response.json()["consultant"]["id"] == str(other_consultant.pk)
    old = Notification.objects.get(recipient=consultant)
    assert old.is_read is True
    assert old.read_at is not None
    new = Notification.objects.get(recipient=other_consultant)
    assert new.is_read is False
    assert new.target_id == str(case.pk)
    assert new.data["notes"] == "First visit"


def test_a_reassignment_shows_in_the_case_history_with_both_consultants(
    nc_api, employee, consultant, other_consultant, case
):
    nc_api(employee).put(url(case), {"row_version": 1, "consultant_id": str(other_consultant.pk)})
    history = nc_api(employee).get(url(case)).json()["history"]
    assert [entry["change_type"] for entry in history] == ["updated", "created"]
    newest = history[0]
    assert newest["changed_by"]["id"] == str(employee.pk)
    change = next(c for c in newest["changes"] if c["field"] == "consultant")
    assert change["old"] == {"id": str(consultant.pk), "name": "Mette Jensen"}
    assert change["new"] == {"id": str(other_consultant.pk), "name": "Lars Nielsen"}


def test_each_field_changes_independently(nc_api, employee, consultant, case):
    api = nc_api(employee)
    body = api.put(url(case), {"row_version": 1, "notes": "Bring the map"}).json()
    assert (body["notes"], body["priority"], body["consultant"]["id"]) == (
        "Bring the map",
        "Low",
        str(consultant.pk),
    )
    body = api.put(url(case), {"row_version": 2, "priority": "Haster"}).json()
    assert (body["notes"], body["priority"]) == ("Bring the map", "Urgent")
    body = api.put(url(case), {"row_version": 3, "priority": None}).json()
    assert body["priority"] is None
    assert body["row_version"] == 4
    assert Notification.objects.filter(recipient=consultant).count() == 1


def test_an_update_moves_assigned_at_to_now_and_keeps_created_at(nc_api, employee, case):
    before = NatureCheckCase.objects.get(pk=case.pk)
    body = nc_api(employee).put(url(case), {"row_version": 1, "notes": "Later"}).json()
    after = NatureCheckCase.objects.get(pk=case.pk)
    assert after.assigned_at > before.assigned_at
    assert after.created_at == before.created_at
    assert body["assigned_at"] != body["created_at"]


def test_a_stale_row_version_is_409_with_the_current_case_and_nothing_is_written(
    nc_api, employee, other_employee, other_consultant, case
):
    nc_api(other_employee).put(url(case), {"row_version": 1, "notes": "Changed by Peter"})
    response = nc_api(employee, language="da").put(
        url(case), {"row_version": 1, "consultant_id": str(other_consultant.pk), "priority": "High"}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "concurrent_modification"
    assert body["message"] == "Opgaven er blevet ændret af en anden bruger. Genindlæs og prøv igen."
    assert body["current_row_version"] == 2
    assert body["current"]["row_version"] == 2
    assert body["current"]["notes"] == "Changed by Peter"
    stored = NatureCheckCase.objects.get(pk=case.pk)
    assert (stored.consultant_id, stored.priority, stored.row_version) == (case.consultant_id, "Low", 2)
    assert not Notification.objects.filter(recipient=other_consultant).exists()


def test_the_etag_can_be_sent_back_as_if_match(nc_api, employee, case):
    api = nc_api(employee)
    etag = api.get(url(case)).headers["ETag"]
    assert etag == '"1"'
    response = api.put_if_match(url(case), {"notes": "Via If-Match"}, etag)
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    stale = api.put_if_match(url(case), {"notes": "Again"}, etag)
    assert stale.status_code == 409
    assert stale.json()["code"] == "concurrent_modification"


def test_a_version_is_required_and_body_and_header_must_agree(nc_api, employee, case):
    api = nc_api(employee)
    missing = api.put(url(case), {"notes": "No version"})
    assert missing.status_code == 422
    assert missing.json()["code"] == "row_version_required"
    clash = api.put_if_match(url(case), {"row_version": 1, "notes": "x"}, '"7"')
    assert clash.status_code == 422
    assert clash.json()["code"] == "row_version_mismatch"
    garbage = api.put_if_match(url(case), {"notes": "x"}, "yesterday")
    assert garbage.status_code == 422
    assert garbage.json()["code"] == "invalid_if_match"
    assert NatureCheckCase.objects.get(pk=case.pk).row_version == 1


@pytest.mark.parametrize("finished", ["Completed", "Cancelled"])
def test_a_finished_case_cannot_be_updated(nc_api, employee, finished):
    case = NatureCheckCaseFactory(status=finished)
    response = nc_api(employee, language="da").put(url(case), {"row_version": 1, "notes": "Too late"})
    assert response.status_code == 409
    assert response.json()["code"] == "case_not_active"
    assert response.json()["message"] == "Der findes ingen aktiv Natur Check opgave for denne gård."


def test_a_case_in_progress_can_still_be_updated(nc_api, employee):
    case = NatureCheckCaseFactory(status="InProgress")
    assert nc_api(employee).put(url(case), {"row_version": 1, "priority": "Medium"}).status_code == 200


def test_reassigning_to_someone_who_is_not_a_consultant_is_422_and_writes_nothing(
    nc_api, employee, manager, case
):
    response = nc_api(employee).put(
        url(case), {"row_version": 1, "consultant_id": str(manager.pk), "notes": "x"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not_a_consultant"
    stored = NatureCheckCase.objects.get(pk=case.pk)
    assert (stored.notes, stored.row_version) == ("First visit", 1)


def test_reassigning_to_an_inactive_consultant_is_422(nc_api, employee, case):
    response = nc_api(employee).put(
        url(case), {"row_version": 1, "consultant_id": str(ConsultantFactory(is_active=False).pk)}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "consultant_inactive"


def test_a_null_consultant_is_refused(nc_api, employee, case):
    response = nc_api(employee).put(url(case), {"row_version": 1, "consultant_id": None})
    assert response.status_code == 422
    assert response.json()["field"] == "consultant_id"


def test_an_invalid_priority_is_422_naming_the_allowed_values(nc_api, employee, case):
    response = nc_api(employee).put(url(case), {"row_version": 1, "priority": "Critical"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_priority"
    assert body["field"] == "priority"
    for word in ("Low", "Medium", "High", "Urgent", "Lav", "Normal", "Høj", "Haster"):
        assert word in body["message"]


def test_an_unknown_case_is_404(nc_api, employee):
    response = nc_api(employee).put(f"/naturecheck/cases/{uuid.uuid4()}", {"row_version": 1})
    assert response.status_code == 404
    assert response.json()["code"] == "case_not_found"


def test_anonymous_callers_get_401(anonymous_api, case):
    assert anonymous_api.put(url(case), {"row_version": 1}).status_code == 401


@pytest.mark.parametrize("persona", ["consultant", "viewer", "caseworker", "manager"])
def test_only_employees_and_admins_update(request, nc_api, persona, case):
    response = nc_api(request.getfixturevalue(persona)).put(url(case), {"row_version": 1, "notes": "mine"})
    assert response.status_code == 403
    assert NatureCheckCase.objects.get(pk=case.pk).row_version == 1
