"""Every public service that writes a case keeps the dashboard tally equal to a recount of the cases.

The services write a case row only through `casework.cases.services._write`; these tests walk each of them
(open, update, status, assignment, bulk assignment, auto-assignment rules, notes, delete) and recount after
every write, so a write path that skipped the tally would show here.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.accounts.models import Team
from casework.cases import services
from casework.cases.models import AssignmentRule, Case
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type, status
from tests.cases.test_tally import assert_tally_matches_the_cases, plain_types
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(caseworker) -> Team:
    team = Team.objects.create(name="Housing desk")
    team.members.add(caseworker)
    return team


def open_case(actor, **fields) -> Case:
    fields.setdefault("case_type_id", case_type().pk)
    case = services.open_case(actor=actor, contact_id=ContactFactory().pk, title="Needs a flat", **fields)
    assert_tally_matches_the_cases()
    return case


def update(case: Case, actor, **changes) -> Case:
    version = Case.objects.get(pk=case.pk).row_version
    case = services.update_case(case.pk, actor=actor, changes=changes, expected_version=version)
    assert_tally_matches_the_cases()
    return case


def move(case: Case, actor, name: str, reason: str = "") -> Case:
    case = services.change_case_status(case.pk, actor=actor, new_status_id=status(name).pk, reason=reason)
    assert_tally_matches_the_cases()
    return case


def assign(case: Case, actor, *, user=None, team=None) -> Case:
    case = services.assign_case(
        case.pk,
        actor=actor,
        assigned_to=getattr(user, "pk", None),
        assigned_team_id=getattr(team, "pk", None),
    )
    assert_tally_matches_the_cases()
    return case


def test_opening_a_case_counts_it_whoever_gets_it(manager, caseworker, team):
    open_case(manager)
    open_case(manager, priority="urgent", is_urgent=True)
    open_case(manager, assigned_to=caseworker.pk)
    open_case(manager, assigned_team_id=team.pk)
    open_case(manager, assigned_to=caseworker.pk, assigned_team_id=team.pk, priority="high")


def test_cases_routed_by_the_auto_assignment_rules_are_counted_under_their_assignee(
    manager, caseworker, team
):
    AssignmentRule.objects.create(
        name="Urgent to the desk", priority="urgent", assign_to_team=team, sort_order=1
    )
    AssignmentRule.objects.create(
        name="Balance", assign_to_team=team, least_loaded_member=True, sort_order=2, case_type=case_type()
    )
    to_team = open_case(manager, priority="urgent")
    to_member = open_case(manager)
    assert (to_team.assigned_team, to_team.assigned_to) == (team, None)
    assert (to_member.assigned_team, to_member.assigned_to) == (team, caseworker)


def test_changing_each_counted_detail_moves_the_case_in_the_tally(manager):
    case = open_case(manager)
    other_type = next(t for t in plain_types() if t.pk != case.case_type_id)
    update(case, manager, case_type_id=other_type.pk)
    update(case, manager, priority="low")
    update(case, manager, is_urgent=True)
    update(case, manager, priority="urgent", is_urgent=False, case_type_id=case_type().pk)
    update(case, manager, title="Needs a bigger flat", due_date=timezone.localdate())
    assert Case.objects.get(pk=case.pk).row_version == 6


def test_moving_closing_reopening_cancelling_and_reinstating_keep_the_tally(manager):
    case = open_case(manager)
    for name in ("Under Review", "Active", "In Progress", "Ready for Closure"):
        move(case, manager, name)
    move(case, manager, "Closed - Successful", reason="Housed")
    move(case, manager, "Active", reason="Came back")
    move(case, manager, "Cancelled", reason="Moved away")
    move(case, manager, "Intake", reason="Returned")
    assert Case.objects.get(pk=case.pk).closed_date is None


def test_assigning_and_unassigning_users_and_teams_keep_the_tally(manager, caseworker, team):
    case = open_case(manager)
    assign(case, manager, user=caseworker)
    assign(case, manager, user=caseworker, team=team)
    assign(case, manager, team=team)
    assign(case, manager, user=UserFactory(role_id="caseworker"))
    assign(case, manager)


def test_bulk_assignment_keeps_the_tally(manager, caseworker, client):
    cases = [open_case(manager), open_case(manager, assigned_to=UserFactory(role_id="caseworker").pk)]
    client.force_login(manager)
    response = client.post(
        reverse("web:bulk_assign"),
        {"cases": [c.pk for c in cases], "assigned_to": caseworker.pk, "reason": "Spread the load"},
        headers={"HX-Request": "true"},
    )
    assert "2 of 2 cases assigned" in response.content.decode()
    assert_tally_matches_the_cases()


def test_a_note_touches_the_case_without_moving_it_in_the_tally(manager):
    case = open_case(manager)
    services.add_note(actor=manager, case_id=case.pk, content="Called the landlord.")
    assert_tally_matches_the_cases()


def test_deleting_a_case_uncounts_it(manager, caseworker, team):
    kept = open_case(manager, assigned_to=caseworker.pk, assigned_team_id=team.pk)
    closed = move(move(open_case(manager), manager, "Active"), manager, "Cancelled", reason="Duplicate")
    for case in (open_case(manager), closed):
        services.delete_case(case.pk, actor=manager)
        assert_tally_matches_the_cases()
    assert list(Case.objects.all()) == [kept]
