"""POST /api/naturecheck/cases: an employee assigns a consultant to a farm (UC002B.2)."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from casework.audit.models import AuditEvent
from casework.naturecheck.models import NatureCheckCase
from casework.notifications.models import Notification
from tests.naturecheck.factories import ConsultantFactory, NatureCheckCaseFactory

pytestmark = pytest.mark.django_db


def assign(api, farm, consultant, **extra):
    return api.post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk), **extra}
    )


def test_an_employee_assigns_a_consultant_and_the_case_starts_as_assigned(nc_api, employee, consultant, farm):
    response = assign(nc_api(employee), farm, consultant, priority="High", notes="Check the meadows")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "Assigned"
    assert body["farm"] == {"id": str(farm.pk), "name": "Enggården", "cvr": "12345678"}
    assert body["consultant"]["id"] == str(consultant.pk)
    assert body["assigned_by"]["id"] == str(employee.pk)
    assert body["priority"] == "High"
    assert body["notes"] == "Check the meadows"
    assert body["row_version"] == 1
    assert body["created_at"] == body["assigned_at"]
    assert response.headers["ETag"] == '"1"'


def test_assigning_notifies_the_consultant_in_the_same_transaction(nc_api, employee, consultant, farm):
    body = assign(nc_api(employee), farm, consultant, priority="Lav", notes="Husk gummistøvler").json()
    notification = Notification.objects.get(recipient=consultant)
    assert notification.kind == "naturecheck.case_assigned"
    assert notification.target_id == body["id"]
    assert notification.is_read is False
    assert notification.data["farm_name"] == "Enggården"
    assert notification.data["priority"] == "Low"
    assert notification.data["notes"] == "Husk gummistøvler"
    assert notification.data["assigned_at"]
    assert AuditEvent.objects.filter(verb="naturecheck.case_assigned", target_id=body["id"]).exists()


def test_an_admin_may_assign_too(nc_api, admin, consultant, farm):
    assert assign(nc_api(admin), farm, consultant).status_code == 201


def test_priority_is_optional(nc_api, employee, consultant, farm):
    body = assign(nc_api(employee), farm, consultant).json()
    assert body["priority"] is None
    assert body["priority_label"] is None


def test_a_farm_with_an_assigned_case_gets_409_farm_has_active_case(nc_api, employee, consultant, farm):
    assert assign(nc_api(employee), farm, consultant).status_code == 201
    response = assign(nc_api(employee), farm, consultant)
    assert response.status_code == 409
    assert response.json()["code"] == "farm_has_active_case"
    assert response.json()["field"] == "farm_id"
    assert NatureCheckCase.objects.filter(farm=farm).count() == 1
    assert Notification.objects.filter(recipient=consultant).count() == 1


def test_a_farm_with_a_case_in_progress_gets_409_in_danish(nc_api, employee, consultant, farm):
    NatureCheckCaseFactory(farm=farm, status="InProgress")
    response = assign(nc_api(employee, language="da"), farm, consultant)
    assert response.status_code == 409
    assert response.json()["message"] == "Gården har allerede en aktiv Natur Check opgave."


@pytest.mark.parametrize("finished", ["Completed", "Cancelled"])
def test_a_farm_whose_earlier_case_is_finished_can_be_assigned_again(
    nc_api, employee, consultant, farm, finished
):
    NatureCheckCaseFactory(farm=farm, status=finished)
    assert assign(nc_api(employee), farm, consultant).status_code == 201
    assert NatureCheckCase.objects.filter(farm=farm).count() == 2


def test_the_database_refuses_a_second_active_case_even_without_the_service(farm):
    NatureCheckCaseFactory(farm=farm, status="Assigned")
    with pytest.raises(IntegrityError), transaction.atomic():
        NatureCheckCaseFactory(farm=farm, status="InProgress")


def test_the_database_refuses_a_priority_that_is_not_english(farm):
    with pytest.raises(IntegrityError), transaction.atomic():
        NatureCheckCaseFactory(farm=farm, priority="Høj")


def test_an_unknown_farm_is_404(nc_api, employee, consultant):
    response = nc_api(employee).post(
        "/naturecheck/cases", {"farm_id": str(uuid.uuid4()), "consultant_id": str(consultant.pk)}
    )
    assert response.status_code == 404
    assert response.json()["code"] == "farm_not_found"


def test_a_person_without_the_consultant_role_is_refused_with_422(nc_api, employee, caseworker, farm):
    response = assign(nc_api(employee, language="da"), farm, caseworker)
    assert response.status_code == 422
    assert response.json() == {
        "code": "not_a_consultant",
        "message": "Den valgte person har ikke konsulent-rollen.",
        "field": "consultant_id",
    }
    assert not NatureCheckCase.objects.exists()
    assert not Notification.objects.exists()


def test_an_inactive_consultant_is_refused_with_422(nc_api, employee, farm):
    retired = ConsultantFactory(is_active=False)
    response = assign(nc_api(employee, language="da"), farm, retired)
    assert response.status_code == 422
    assert response.json()["code"] == "consultant_inactive"
    assert response.json()["message"] == "Den valgte konsulent findes ikke længere."


def test_an_unknown_consultant_is_refused_with_422(nc_api, employee, farm):
    response = nc_api(employee).post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(uuid.uuid4())}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "consultant_not_found"
    assert response.json()["message"] == "The selected consultant no longer exists."


def test_a_malformed_body_is_422_not_500(nc_api, employee):
    response = nc_api(employee).post("/naturecheck/cases", {"farm_id": "not-a-uuid"})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_anonymous_callers_get_401(anonymous_api, farm, consultant):
    assert assign(anonymous_api, farm, consultant).status_code == 401


@pytest.mark.parametrize("persona", ["consultant", "viewer", "caseworker", "manager"])
def test_only_employees_and_admins_assign(request, nc_api, persona, farm, other_consultant):
    user = request.getfixturevalue(persona)
    response = assign(nc_api(user), farm, other_consultant)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not NatureCheckCase.objects.exists()
