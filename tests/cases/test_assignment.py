"""Assignment and routing: teams, the assignment history, workload, auto-assignment rules, notifications."""

import uuid

import pytest

from casework.accounts.models import Team
from casework.cases.models import AssignmentRule, CaseAssignment, CaseNote
from casework.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory, case_type, days_from_today, status
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing_team(caseworker):
    team = Team.objects.create(name="Housing Team")
    team.members.add(caseworker)
    return team


def new_case_body(**overrides):
    body = {
        "contact_id": str(ContactFactory().pk),
        "case_type_id": str(case_type("General Support").pk),
        "title": "Needs help",
    }
    body.update(overrides)
    return body


def test_a_manager_assigns_a_case_and_the_history_records_it(api_as, manager, caseworker, housing_team):
    case = CaseFactory()
    response = api_as(manager).put(
        f"/cases/{case.pk}/assignment",
        {
            "assigned_to": str(caseworker.pk),
            "assigned_team_id": str(housing_team.pk),
            "reason": "Housing expert",
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["assignee"]["id"] == str(caseworker.pk)
    assert body["assigned_team"] == {"id": str(housing_team.pk), "name": "Housing Team"}
    assert body["row_version"] == 2
    history = api_as(manager).get(f"/cases/{case.pk}/assignments").json()
    assert len(history) == 1
    assert history[0]["assigned_to"]["id"] == str(caseworker.pk)
    assert history[0]["assigned_by"]["id"] == str(manager.pk)
    assert history[0]["assignment_reason"] == "Housing expert"
    assert history[0]["unassigned_at"] is None
    note = CaseNote.objects.get(case=case, subject="Assignment changed")
    assert "Housing expert" in note.content


def test_reassigning_closes_the_previous_period(api_as, manager, caseworker):
    other = UserFactory(role_id="caseworker", first_name="Olga")
    case = CaseFactory()
    api = api_as(manager)
    api.put(f"/cases/{case.pk}/assignment", {"assigned_to": str(caseworker.pk)})
    api.put(f"/cases/{case.pk}/assignment", {"assigned_to": str(other.pk), "reason": "Leave"})
    history = api.get(f"/cases/{case.pk}/assignments").json()
    assert [h["assigned_to"]["id"] for h in history] == [str(other.pk), str(caseworker.pk)]
    assert history[0]["assigned_from"]["id"] == str(caseworker.pk)
    assert history[0]["unassigned_at"] is None
    assert history[1]["unassigned_at"] is not None
    assert history[1]["unassigned_by"]["id"] == str(manager.pk)
    assert CaseAssignment.objects.filter(case=case, unassigned_at__isnull=True).count() == 1


def test_unassigning_leaves_no_open_period(api_as, manager, caseworker):
    case = CaseFactory()
    api = api_as(manager)
    api.put(f"/cases/{case.pk}/assignment", {"assigned_to": str(caseworker.pk)})
    response = api.put(f"/cases/{case.pk}/assignment", {"assigned_to": None, "assigned_team_id": None})
    assert response.json()["assignee"] is None
    assert not CaseAssignment.objects.filter(case=case, unassigned_at__isnull=True).exists()


def test_assigning_to_the_current_assignee_changes_nothing(api_as, manager, caseworker):
    case = CaseFactory()
    api = api_as(manager)
    api.put(f"/cases/{case.pk}/assignment", {"assigned_to": str(caseworker.pk)})
    again = api.put(f"/cases/{case.pk}/assignment", {"assigned_to": str(caseworker.pk)})
    assert again.json()["row_version"] == 2
    assert CaseAssignment.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"assigned_to": str(uuid.uuid4())}, "assigned_to", "validation_error"),
        ({"assigned_team_id": str(uuid.uuid4())}, "assigned_team_id", "validation_error"),
        ({"assigned_to": "nope"}, "assigned_to", "validation_error"),
    ],
)
def test_assigning_to_someone_unknown_is_422(api_as, manager, body, field, code):
    case = CaseFactory()
    response = api_as(manager).put(f"/cases/{case.pk}/assignment", body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["code"] == code


def test_a_user_outside_the_team_cannot_be_assigned_with_it(api_as, manager, housing_team):
    outsider = UserFactory(role_id="caseworker")
    case = CaseFactory()
    response = api_as(manager).put(
        f"/cases/{case.pk}/assignment",
        {"assigned_to": str(outsider.pk), "assigned_team_id": str(housing_team.pk)},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not_team_member"


def test_an_inactive_user_cannot_be_assigned(api_as, manager):
    gone = UserFactory(role_id="caseworker", is_active=False)
    response = api_as(manager).put(f"/cases/{CaseFactory().pk}/assignment", {"assigned_to": str(gone.pk)})
    assert response.status_code == 422


@pytest.mark.parametrize("persona", ["caseworker", "viewer"])
def test_only_managers_and_admins_assign(api_as, request, persona, manager):
    case = CaseFactory()
    user = request.getfixturevalue(persona)
    response = api_as(user).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(manager.pk)})
    assert response.status_code == 403


def test_an_admin_may_assign(api_as, admin, caseworker):
    response = api_as(admin).put(f"/cases/{CaseFactory().pk}/assignment", {"assigned_to": str(caseworker.pk)})
    assert response.status_code == 200


def test_assignment_of_an_unknown_case_is_404(api_as, manager):
    assert api_as(manager).put(f"/cases/{uuid.uuid4()}/assignment", {}).status_code == 404
    assert api_as(manager).get(f"/cases/{uuid.uuid4()}/assignments").status_code == 404


def test_the_assignee_is_notified_but_not_the_one_who_assigned_themselves(api_as, manager, caseworker):
    case = CaseFactory()
    api_as(manager).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(caseworker.pk)})
    inbox = api_as(caseworker).get("/notifications").json()
    assert inbox["total"] == 1
    assert inbox["notifications"][0]["kind"] == "case.assigned"
    assert case.case_number in inbox["notifications"][0]["title"]
    api_as(manager).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(manager.pk)})
    assert Notification.objects.filter(recipient=manager).count() == 0


def test_a_status_change_by_someone_else_notifies_the_assignee(api_as, manager, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    api_as(manager).put(f"/cases/{case.pk}/status", {"new_status_id": str(status("Active").pk)})
    note = Notification.objects.get(recipient=caseworker)
    assert note.kind == "case.status_changed"
    assert "Intake" in note.title and "Active" in note.title


def test_the_unassigned_queue_lists_cases_with_neither_user_nor_team(
    api_as, viewer, caseworker, housing_team
):
    nobody = CaseFactory()
    CaseFactory(assigned_to=caseworker)
    CaseFactory(assigned_team=housing_team)
    rows = api_as(viewer).get("/cases", unassigned="true").json()["cases"]
    assert [r["id"] for r in rows] == [str(nobody.pk)]
    assigned = api_as(viewer).get("/cases", unassigned="false").json()["total"]
    assert assigned == 2


def test_workload_counts_open_overdue_and_urgent_per_person_and_team(
    api_as, viewer, caseworker, manager, housing_team, django_assert_max_num_queries
):
    CaseFactory(assigned_to=caseworker, assigned_team=housing_team, due_date=days_from_today(-2))
    CaseFactory(assigned_to=caseworker, priority="urgent")
    CaseFactory(assigned_to=caseworker, is_urgent=True, status=status("Closed - Successful"))
    CaseFactory(assigned_team=housing_team, is_urgent=True)
    api = api_as(viewer)
    with django_assert_max_num_queries(5):
        body = api.get("/cases/workload").json()
    staff = {row["id"]: row for row in body["staff"]}
    assert staff[str(caseworker.pk)] == {
        "id": str(caseworker.pk),
        "name": caseworker.full_name,
        "open_cases": 2,
        "overdue_cases": 1,
        "urgent_cases": 1,
    }
    assert staff[str(manager.pk)]["open_cases"] == 0
    assert str(viewer.pk) not in staff  # viewers do not work cases
    team = body["teams"][0]
    assert (team["name"], team["open_cases"], team["overdue_cases"], team["urgent_cases"]) == (
        "Housing Team",
        2,
        1,
        1,
    )


# --- auto-assignment --------------------------------------------------------------------------------------


def test_a_rule_routes_a_new_case_without_assignee_and_is_recorded(api_as, caseworker, housing_team):
    rule = AssignmentRule.objects.create(
        name="Housing to the housing team", case_type=case_type("Housing"), assign_to_team=housing_team
    )
    body = new_case_body(
        case_type_id=str(case_type("Housing").pk), intake_data={"household_size": 2}, priority="high"
    )
    created = api_as(caseworker).post("/cases", body).json()
    assert created["assigned_team"]["name"] == "Housing Team"
    history = api_as(caseworker).get(f"/cases/{created['id']}/assignments").json()
    assert history[0]["rule_id"] == str(rule.pk)
    assert history[0]["rule_name"] == "Housing to the housing team"


def test_rules_are_tried_in_order_and_blank_conditions_match_anything(api_as, caseworker, manager):
    AssignmentRule.objects.create(
        name="Urgent to the manager", sort_order=1, priority="urgent", assign_to_user=manager
    )
    AssignmentRule.objects.create(name="Everything else", sort_order=2, assign_to_user=caseworker)
    urgent = api_as(caseworker).post("/cases", new_case_body(priority="urgent")).json()
    normal = api_as(caseworker).post("/cases", new_case_body(priority="low", source="web")).json()
    assert urgent["assignee"]["id"] == str(manager.pk)
    assert normal["assignee"]["id"] == str(caseworker.pk)


def test_least_loaded_member_gets_the_case(api_as, caseworker, housing_team):
    busy = caseworker
    idle = UserFactory(role_id="caseworker", last_name="Zed")
    housing_team.members.add(idle)
    CaseFactory.create_batch(2, assigned_to=busy)
    CaseFactory.create_batch(3, assigned_to=idle, status=status("Closed - Successful"))  # closed: no load
    AssignmentRule.objects.create(name="Balance", assign_to_team=housing_team, least_loaded_member=True)
    created = api_as(busy).post("/cases", new_case_body()).json()
    assert created["assignee"]["id"] == str(idle.pk)
    assert created["assigned_team"]["id"] == str(housing_team.pk)


def test_an_explicit_assignee_beats_the_rules(api_as, caseworker, manager):
    AssignmentRule.objects.create(name="All to manager", assign_to_user=manager)
    created = api_as(caseworker).post("/cases", new_case_body(assigned_to=str(caseworker.pk))).json()
    assert created["assignee"]["id"] == str(caseworker.pk)
    history = api_as(caseworker).get(f"/cases/{created['id']}/assignments").json()
    assert history[0]["rule_id"] is None


def test_no_matching_rule_leaves_the_case_unassigned(api_as, caseworker, manager):
    AssignmentRule.objects.create(name="Only phone", source="phone", assign_to_user=manager)
    created = api_as(caseworker).post("/cases", new_case_body(source="web")).json()
    assert created["assignee"] is None
    assert api_as(caseworker).get(f"/cases/{created['id']}/assignments").json() == []
