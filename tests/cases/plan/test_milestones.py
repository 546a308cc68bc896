"""A case's milestones: plan order, progress, completing and re-opening, reordering."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases.plan.models import CaseMilestone
from casework.cases.plan.querysets import MilestoneProgress
from tests.cases.factories import CaseFactory, days_from_today
from tests.cases.plan.factories import CaseMilestoneFactory

pytestmark = pytest.mark.django_db


def test_milestones_are_listed_in_plan_order_with_the_progress(api_as, viewer, case):
    second = CaseMilestoneFactory(
        case=case, sort_order=2, is_completed=True, completed_date=days_from_today(-1)
    )
    first = CaseMilestoneFactory(case=case, sort_order=1, due_date=days_from_today(-3))
    third = CaseMilestoneFactory(case=case, sort_order=3)
    CaseMilestoneFactory(is_completed=True, completed_date=days_from_today(0))  # another case's
    body = api_as(viewer).get(f"/cases/{case.pk}/milestones").json()
    assert [m["id"] for m in body["milestones"]] == [str(first.pk), str(second.pk), str(third.pk)]
    assert body["progress"] == {"completed": 1, "total": 3, "percent": 33}
    assert [m["is_overdue"] for m in body["milestones"]] == [True, False, False]


def test_a_case_without_milestones_shows_no_progress(api_as, viewer, case):
    body = api_as(viewer).get(f"/cases/{case.pk}/milestones").json()
    assert body == {"milestones": [], "progress": {"completed": 0, "total": 0, "percent": 0}}


@pytest.mark.parametrize(("completed", "total", "percent"), [(2, 3, 66), (3, 3, 100), (0, 4, 0), (1, 8, 12)])
def test_progress_is_a_whole_percent_rounded_down(completed, total, percent):
    assert MilestoneProgress(completed=completed, total=total).percent == percent


def test_milestone_progress_for_many_cases_takes_one_query(case, other_case, django_assert_num_queries):
    CaseMilestoneFactory(case=case, is_completed=True, completed_date=days_from_today(0))
    CaseMilestoneFactory(case=case)
    CaseMilestoneFactory(case=other_case)
    empty = CaseFactory()
    with django_assert_num_queries(1):
        progress = CaseMilestone.objects.progress_of_cases([case.pk, other_case.pk, empty.pk])
    assert progress == {
        case.pk: MilestoneProgress(completed=1, total=2),
        other_case.pk: MilestoneProgress(completed=0, total=1),
        empty.pk: MilestoneProgress(completed=0, total=0),
    }
    assert progress[case.pk].percent == 50


def test_a_new_milestone_goes_after_the_last_one(api_as, caseworker, case):
    CaseMilestoneFactory(case=case, sort_order=4)
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/milestones", {"milestone_name": "Secure housing", "due_date": "2026-06-30"}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["sort_order"], body["is_completed"], body["completed_date"]) == (5, False, None)
    assert body["created_by"]["id"] == str(caseworker.pk)
    assert AuditEvent.objects.filter(verb="case.milestone_added", target_id=str(case.pk)).exists()


def test_the_first_milestone_of_a_case_is_at_position_zero(api_as, caseworker, case):
    response = api_as(caseworker).post(f"/cases/{case.pk}/milestones", {"milestone_name": "Intake interview"})
    assert response.json()["sort_order"] == 0


def test_a_milestone_created_completed_is_completed_today(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/milestones", {"milestone_name": "Intake interview", "is_completed": True}
    )
    assert response.json()["completed_date"] == timezone.localdate().isoformat()


def test_completing_a_milestone_sets_todays_date_and_reopening_clears_it(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    api = api_as(caseworker)
    completed = api.put(f"/milestones/{milestone.pk}", {"is_completed": True}).json()
    assert (completed["is_completed"], completed["completed_date"]) == (
        True,
        timezone.localdate().isoformat(),
    )
    reopened = api.put(f"/milestones/{milestone.pk}", {"is_completed": False}).json()
    assert (reopened["is_completed"], reopened["completed_date"]) == (False, None)
    verbs = list(AuditEvent.objects.order_by("created_at").values_list("verb", flat=True))
    assert verbs == ["case.milestone_completed", "case.milestone_reopened"]


def test_completing_a_milestone_on_a_given_day_keeps_that_day(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    day = days_from_today(-7).isoformat()
    api = api_as(caseworker)
    assert (
        api.put(f"/milestones/{milestone.pk}", {"is_completed": True, "completed_date": day}).json()[
            "completed_date"
        ]
        == day
    )
    renamed = api.put(
        f"/milestones/{milestone.pk}", {"milestone_name": "Renamed", "is_completed": True}
    ).json()
    assert renamed["completed_date"] == day


def test_a_completion_date_in_the_future_is_refused(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    response = api_as(caseworker).put(
        f"/milestones/{milestone.pk}",
        {"is_completed": True, "completed_date": days_from_today(1).isoformat()},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "date_in_future"
    assert CaseMilestone.objects.get().is_completed is False


def test_an_open_milestone_cannot_have_a_completion_date(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    response = api_as(caseworker).put(
        f"/milestones/{milestone.pk}", {"completed_date": days_from_today(-1).isoformat()}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not_completed"


def test_a_milestone_name_cannot_be_blank_or_cleared(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    api = api_as(caseworker)
    assert api.put(f"/milestones/{milestone.pk}", {"milestone_name": "   "}).json()["code"] == "blank"
    assert api.put(f"/milestones/{milestone.pk}", {"milestone_name": None}).status_code == 422
    assert api.post(f"/cases/{case.pk}/milestones", {"milestone_name": " "}).status_code == 422


def test_a_milestone_update_from_a_stale_version_is_a_conflict(api_as, caseworker, case):
    milestone = CaseMilestoneFactory(case=case)
    api = api_as(caseworker)
    assert (
        api.put(f"/milestones/{milestone.pk}", {"row_version": 1, "description": "First"}).json()[
            "row_version"
        ]
        == 2
    )
    response = api.put(f"/milestones/{milestone.pk}", {"row_version": 1, "description": "Second"})
    assert response.status_code == 409
    assert CaseMilestone.objects.get().description == "First"


def test_deleting_a_milestone_keeps_the_order_of_the_others(api_as, manager, case):
    first, second, third = (CaseMilestoneFactory(case=case, sort_order=n) for n in range(3))
    api = api_as(manager)
    assert api.delete(f"/milestones/{second.pk}").status_code == 204
    body = api.get(f"/cases/{case.pk}/milestones").json()
    assert [m["id"] for m in body["milestones"]] == [str(first.pk), str(third.pk)]
    assert AuditEvent.objects.filter(verb="case.milestone_removed", target_id=str(case.pk)).exists()


def test_the_database_refuses_a_completed_milestone_without_a_date(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseMilestoneFactory(case=case, is_completed=True, completed_date=None)


def test_listing_milestones_costs_a_fixed_number_of_queries(
    api_as, viewer, caseworker, case, django_assert_max_num_queries
):
    CaseMilestoneFactory.create_batch(6, case=case, created_by=caseworker)
    api = api_as(viewer)
    with django_assert_max_num_queries(3):  # user, case, milestones with their creators
        response = api.get(f"/cases/{case.pk}/milestones")
    assert response.json()["progress"]["total"] == 6


# --- reordering milestones -------------------------------------------------------------------------------------


@pytest.fixture
def plan(case):
    return [CaseMilestoneFactory(case=case, sort_order=n) for n in range(3)]


def test_reordering_puts_the_milestones_in_the_order_given(api_as, caseworker, case, plan):
    first, second, third = plan
    new_order = [str(third.pk), str(first.pk), str(second.pk)]
    response = api_as(caseworker).post(f"/cases/{case.pk}/milestones/reorder", {"orderedIds": new_order})
    assert response.status_code == 200, response.json()
    assert [m["id"] for m in response.json()["milestones"]] == new_order
    assert [m["sort_order"] for m in response.json()["milestones"]] == [0, 1, 2]
    assert list(CaseMilestone.objects.filter(case=case).values_list("id", flat=True)) == [
        third.pk,
        first.pk,
        second.pk,
    ]
    assert AuditEvent.objects.get(verb="case.milestones_reordered").data["ordered_ids"] == new_order


@pytest.mark.parametrize(
    ("order", "code"),
    [
        (lambda a, b, c, stranger: [a, b, c, a], "duplicate_id"),
        (lambda a, b, c, stranger: [a, b], "incomplete_order"),
        (lambda a, b, c, stranger: [a, b, c, stranger], "unknown_id"),
        (lambda a, b, c, stranger: [a, b, stranger], "unknown_id"),
    ],
    ids=["named-twice", "one-missing", "one-too-many", "another-cases-milestone"],
)
def test_a_reorder_that_does_not_name_every_milestone_once_changes_nothing(
    api_as, caseworker, case, plan, order, code
):
    stranger = CaseMilestoneFactory()
    ids = [str(pk) for pk in order(*(m.pk for m in reversed(plan)), stranger.pk)]
    response = api_as(caseworker).post(f"/cases/{case.pk}/milestones/reorder", {"orderedIds": ids})
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (code, "orderedIds")
    assert list(CaseMilestone.objects.filter(case=case).values_list("sort_order", flat=True)) == [0, 1, 2]
    assert not AuditEvent.objects.exists()


def test_a_reorder_without_the_list_is_refused(api_as, caseworker, case, plan):
    response = api_as(caseworker).post(f"/cases/{case.pk}/milestones/reorder", {"ids": []})
    assert response.status_code == 422
    assert response.json()["field"] == "orderedIds"


def test_reordering_does_not_make_a_milestone_stale(api_as, caseworker, case, plan):
    api = api_as(caseworker)
    api.post(f"/cases/{case.pk}/milestones/reorder", {"orderedIds": [str(m.pk) for m in reversed(plan)]})
    response = api.put(f"/milestones/{plan[0].pk}", {"row_version": 1, "is_completed": True})
    assert response.status_code == 200
