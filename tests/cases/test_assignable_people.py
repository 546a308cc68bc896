"""A case is given only to people whose role may work cases: the API refuses anyone else with a 422 naming
`assigned_to` and writes nothing; the web's assignee choices offer only them; the case list's Team filter shows
once a team exists."""

import pytest
from django.test import Client

from casework.accounts.models import Team
from casework.cases.models import Case, CaseAssignment, CaseNote
from casework.web.cases.forms import AssignForm, BulkAssignForm, CaseFilterForm
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory
from tests.cases.test_assignment import new_case_body

pytestmark = pytest.mark.django_db

# The seeded roles that may not change cases: the read-only viewer, the call centre's operator, Nature Check's
# consultant and employee.
NON_WORKING_ROLES = ["viewer", "operator", "consultant", "employee"]


@pytest.mark.parametrize("role", NON_WORKING_ROLES)
def test_assigning_to_someone_who_cannot_work_cases_is_422_naming_the_field(api_as, manager, role):
    case = CaseFactory()
    person = UserFactory(role_id=role, first_name="Nora", last_name="Noworker")

    response = api_as(manager).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(person.pk)})

    assert response.status_code == 422, response.json()
    body = response.json()
    assert body["code"] == "cannot_work_cases"
    assert body["field"] == "assigned_to"
    assert "Nora Noworker" in body["message"]
    case.refresh_from_db()
    assert (case.assigned_to_id, case.row_version) == (None, 1)
    assert not CaseAssignment.objects.filter(case=case).exists()
    assert not CaseNote.objects.filter(case=case).exists()


def test_opening_a_case_for_a_viewer_is_refused_too(api_as, manager, viewer):
    response = api_as(manager).post("/cases", new_case_body(assigned_to=str(viewer.pk)))

    assert response.status_code == 422, response.json()
    assert response.json()["field"] == "assigned_to"
    assert not Case.objects.exists()


def test_caseworkers_and_managers_may_be_assigned(api_as, manager, caseworker):
    case = CaseFactory()
    for person in (caseworker, manager):
        response = api_as(manager).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(person.pk)})
        assert response.status_code == 200, response.json()


@pytest.mark.parametrize("form_class", [AssignForm, BulkAssignForm])
def test_the_web_offers_only_people_who_may_work_cases(form_class, manager, caseworker, viewer):
    UserFactory(role_id="operator", first_name="Olive")
    UserFactory(role_id="consultant", first_name="Mette")
    UserFactory(role_id="caseworker", first_name="Gone", is_active=False)

    offered = set(form_class().fields["assigned_to"].queryset)

    assert offered == {manager, caseworker}


def test_the_web_refuses_a_posted_viewer(manager, viewer):
    form = AssignForm({"assign-assigned_to": str(viewer.pk), "assign-row_version": "1"})

    assert not form.is_valid()
    assert "assigned_to" in form.errors


def test_the_team_filter_shows_only_once_a_team_exists(manager):
    client = Client()
    client.force_login(manager)
    assert "team" not in CaseFilterForm().fields
    assert 'name="team"' not in client.get("/cases/").content.decode()

    Team.objects.create(name="Housing team")

    assert "team" in CaseFilterForm().fields
    assert 'name="team"' in client.get("/cases/").content.decode()


def test_the_assignee_filter_offers_the_people_who_may_work_cases_and_whoever_holds_one(
    manager, caseworker, viewer
):
    UserFactory(role_id="operator", first_name="Olive", last_name="Operator")
    holder = UserFactory(role_id="caseworker", first_name="Hal", last_name="Holder")
    CaseFactory(assigned_to=holder)
    holder.is_active = False  # left with a case still on their name
    holder.save(update_fields=["is_active"])

    offered = {
        label
        for value, label in CaseFilterForm().fields["assignee"].choices
        if value not in ("", "me", "none")
    }

    assert {manager.full_name, caseworker.full_name, "Hal Holder"} <= offered
    assert viewer.full_name not in offered and "Olive Operator" not in offered
