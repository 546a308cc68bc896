"""The dashboard summary, checked against numbers worked out by hand."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.cases.factories import CaseFactory, case_type, days_from_today, status

pytestmark = pytest.mark.django_db


def test_an_empty_system_has_a_zero_summary(api_as, viewer):
    body = api_as(viewer).get("/cases/summary").json()
    assert body["total_cases"] == 0
    assert body["by_priority"] == {"low": 0, "medium": 0, "high": 0, "urgent": 0}
    assert body["by_status_type"] == {"intake": 0, "active": 0, "review": 0, "closed": 0, "cancelled": 0}
    assert body["average_case_duration_days"] is None


def test_the_summary_counts_match_the_cases(api_as, viewer, caseworker):
    today = timezone.localdate()
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    now = timezone.now()
    # open cases
    CaseFactory(status=status("Intake"), priority="low")  # unassigned
    CaseFactory(
        status=status("Active"), priority="high", assigned_to=caseworker, due_date=days_from_today(-1)
    )
    CaseFactory(status=status("In Progress"), priority="urgent", assigned_to=caseworker, due_date=end_of_week)
    CaseFactory(status=status("On Hold"), priority="medium", due_date=days_from_today(30), is_urgent=True)
    # finished cases (never overdue, never "due this week")
    CaseFactory(
        status=status("Closed - Successful"),
        priority="medium",
        due_date=days_from_today(-10),
        intake_date=now - dt.timedelta(days=10),
        closed_date=now,
    )
    CaseFactory(
        status=status("Closed - Referred"),
        priority="high",
        case_type=case_type("Housing"),
        intake_date=now - dt.timedelta(days=20),
        closed_date=now,
    )
    CaseFactory(status=status("Cancelled"), priority="low", intake_date=now, closed_date=now)

    body = api_as(viewer).get("/cases/summary").json()
    assert body["total_cases"] == 7
    assert body["open_cases"] == 4
    assert body["closed_cases"] == 3
    assert body["by_priority"] == {"low": 2, "medium": 2, "high": 2, "urgent": 1}
    assert body["by_status_type"] == {"intake": 1, "active": 2, "review": 1, "closed": 2, "cancelled": 1}
    assert body["overdue_cases"] == 1
    assert body["cases_due_this_week"] == 1
    assert body["unassigned_cases"] == 2  # the intake and the on-hold case
    assert body["urgent_cases"] == 2  # priority urgent, or flagged urgent
    assert body["average_case_duration_days"] == pytest.approx(15.0, abs=0.1)  # (10 + 20) / 2, closed only
    by_type = {row["name"]: row for row in body["by_case_type"]}
    assert by_type["Housing"]["count"] == 1
    assert by_type["Housing"]["open"] == 0
    assert by_type["General Support"]["count"] == 6
    assert by_type["General Support"]["open"] == 4


def test_the_summary_costs_a_fixed_number_of_queries(api_as, viewer, django_assert_max_num_queries):
    for name in ("Intake", "Active", "Cancelled"):
        CaseFactory.create_batch(3, status=status(name))
    api = api_as(viewer)
    with django_assert_max_num_queries(4):  # user + figures + by type + by assignee
        assert api.get("/cases/summary").status_code == 200


def test_the_summary_can_be_restricted_to_an_intake_date_range(api_as, viewer):
    now = timezone.now()
    CaseFactory(intake_date=now - dt.timedelta(days=40))
    CaseFactory(intake_date=now - dt.timedelta(days=5))
    CaseFactory(intake_date=now)
    api = api_as(viewer)
    start = (now - dt.timedelta(days=10)).date().isoformat()
    assert api.get("/cases/summary", **{"from": start}).json()["total_cases"] == 2
    end = (now - dt.timedelta(days=30)).date().isoformat()
    assert api.get("/cases/summary", to=end).json()["total_cases"] == 1
    bad = api.get("/cases/summary", **{"from": start, "to": end})
    assert bad.status_code == 422
    assert bad.json()["field"] == "from"


def test_the_summary_counts_cases_per_assignee(api_as, viewer, caseworker, manager):
    CaseFactory.create_batch(2, assigned_to=caseworker)
    CaseFactory(assigned_to=caseworker, status=status("Cancelled"))
    CaseFactory(assigned_to=manager)
    rows = api_as(viewer).get("/cases/summary").json()["by_assignee"]
    assert [(r["user_id"], r["count"], r["open"]) for r in rows] == [
        (str(caseworker.pk), 3, 2),
        (str(manager.pk), 1, 1),
    ]
