"""The case list's filters are one definition: the web's filter form and the API's list show the same cases."""

import pytest

from casework.accounts.models import Team
from casework.cases.filters import MAX_SEARCH_LENGTH, CaseFilter
from casework.web.cases.forms import CaseFilterForm
from tests.cases.factories import CaseFactory, case_type, days_from_today, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(caseworker, manager):
    team = Team.objects.create(name="Housing team")
    return {
        "mine, overdue": CaseFactory(
            title="Mine overdue", assigned_to=caseworker, due_date=days_from_today(-2)
        ),
        "theirs, due today": CaseFactory(
            title="Theirs due today",
            assigned_to=manager,
            status=status("Active"),
            due_date=days_from_today(0),
        ),
        "the team's, urgent": CaseFactory(
            title="Team urgent", assigned_team=team, is_urgent=True, case_type=case_type("Legal Assistance")
        ),
        "nobody's, undated": CaseFactory(title="Nobody undated", due_date=None, priority="low"),
        "closed, late": CaseFactory(
            title="Closed late", status=status("Closed - Successful"), due_date=days_from_today(-5)
        ),
    }


def _web_titles(client, query: dict) -> set[str]:
    html = client.get("/cases/", query).content.decode()
    return {title for title in TITLES if title in html}


TITLES = ("Mine overdue", "Theirs due today", "Team urgent", "Nobody undated", "Closed late")


@pytest.mark.parametrize(
    ("web", "api"),
    [
        ({"state": "open"}, {"state": "open"}),
        ({"state": "finished"}, {"state": "finished"}),
        ({"due": "overdue"}, {"due": "overdue"}),
        ({"due": "week"}, {"due": "week"}),
        ({"due": "none"}, {"due": "none"}),
        ({"assignee": "none"}, {"unassigned": "true"}),
        ({"urgent": "on"}, {"is_urgent": "true"}),
        ({"priority": "low", "state": "open"}, {"priority": "low", "state": "open"}),
        ({"q": "undated"}, {"search": "undated"}),
    ],
)
def test_the_web_list_and_the_api_show_the_same_cases_for_the_same_filter(
    cases, client_as, api_as, caseworker, web, api
):
    from_api = {row["title"] for row in api_as(caseworker).get("/cases", **api).json()["cases"]}
    assert from_api
    assert _web_titles(client_as(caseworker), web) == from_api


def test_the_web_lists_the_cases_of_me_of_a_person_and_of_a_team_as_the_api_does(
    cases, client_as, api_as, caseworker, manager
):
    client, api = client_as(caseworker), api_as(caseworker)
    team = cases["the team's, urgent"].assigned_team

    def from_api(**params):
        return {row["title"] for row in api.get("/cases", **params).json()["cases"]}

    assert _web_titles(client, {"assignee": "me"}) == from_api(assigned_to=caseworker.pk) == {"Mine overdue"}
    assert _web_titles(client, {"assignee": str(manager.pk)}) == from_api(assigned_to=manager.pk)
    assert (
        _web_titles(client, {"team": str(team.pk)}) == from_api(assigned_team_id=team.pk) == {"Team urgent"}
    )


def test_the_filter_form_hands_its_cleaned_values_to_the_case_filter(caseworker):
    legal = case_type("Legal Assistance")
    form = CaseFilterForm(
        {
            "q": "rent",
            "case_type": str(legal.pk),
            "assignee": "me",
            "due": "week",
            "state": "open",
            "urgent": "on",
        }
    )
    assert form.is_valid(), form.errors

    assert form.case_filter(user=caseworker) == CaseFilter(
        search="rent",
        case_type_id=legal.pk,
        assigned_to=caseworker.pk,
        due="week",
        state="open",
        is_urgent=True,
    )


def test_an_invalid_filter_value_is_left_out_of_the_case_filter(caseworker):
    form = CaseFilterForm({"priority": "bogus", "due": "someday", "assignee": "none"})
    form.is_valid()

    assert form.case_filter(user=caseworker) == CaseFilter(unassigned=True)


def test_an_overlong_web_search_searches_its_start(client_as, caseworker):
    CaseFactory(title="Eviction notice")
    response = client_as(caseworker).get("/cases/", {"q": "evict" + " " * MAX_SEARCH_LENGTH + "x"})
    assert response.status_code == 200
    assert "Eviction notice" in response.content.decode()
