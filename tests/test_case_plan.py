"""A case's plan: links between cases, services delivered, milestones and their progress."""

import datetime as dt
import uuid
from decimal import Decimal

import factory
import pytest
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases import plan_services
from casework.cases.models import CaseMilestone, CaseRelationship, CaseService
from casework.cases.plan_querysets import MilestoneProgress, milestone_progress
from tests.factories import CaseFactory, days_from_today, status

pytestmark = pytest.mark.django_db

WRITERS = ["caseworker", "manager", "admin"]


class CaseServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseService

    case = factory.SubFactory(CaseFactory)
    service_name = factory.Sequence(lambda n: f"Counseling session {n}")
    service_type = "counseling"
    service_date = factory.LazyFunction(timezone.localdate)


class CaseMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseMilestone

    case = factory.SubFactory(CaseFactory)
    milestone_name = factory.Sequence(lambda n: f"Milestone {n}")
    sort_order = factory.Sequence(lambda n: n)


@pytest.fixture
def case(db):
    return CaseFactory(title="Eviction notice", case_number="CASE-260101-00001")


@pytest.fixture
def other_case(db):
    return CaseFactory(title="Rent arrears", case_number="CASE-260101-00002", status=status("Active"))


def link(case, other, kind="related", actor=None):
    return plan_services.add_relationship(
        actor=actor, case_id=case.pk, related_case_id=other.pk, relationship_type=kind
    )


def links_of(case):
    return sorted(
        CaseRelationship.objects.filter(case=case).values_list("related_case_id", "relationship_type")
    )


# --- relationships -------------------------------------------------------------------------------------------


def test_linking_a_parent_shows_the_child_link_on_the_other_case(api_as, caseworker, case, other_case):
    api = api_as(caseworker)
    response = api.post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent", "description": "Split out"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["relationship_type"] == "parent"
    assert body["related_case"]["case_number"] == "CASE-260101-00002"
    assert body["created_by"]["email"] == caseworker.email

    seen_from_the_child = api.get(f"/cases/{other_case.pk}/relationships").json()
    assert [(r["relationship_type"], r["related_case"]["id"]) for r in seen_from_the_child] == [
        ("child", str(case.pk))
    ]
    assert seen_from_the_child[0]["description"] == "Split out"


@pytest.mark.parametrize(
    ("kind", "inverse"),
    [
        ("parent", "child"),
        ("child", "parent"),
        ("blocks", "blocked_by"),
        ("blocked_by", "blocks"),
        ("related", "related"),
        ("duplicate", "duplicate"),
    ],
)
def test_every_link_type_is_stored_with_its_inverse(api_as, manager, case, other_case, kind, inverse):
    response = api_as(manager).post(
        f"/cases/{case.pk}/relationships", {"related_case_id": str(other_case.pk), "relationship_type": kind}
    )
    assert response.status_code == 201
    assert links_of(case) == [(other_case.pk, kind)]
    assert links_of(other_case) == [(case.pk, inverse)]


def test_the_listing_shows_the_related_cases_number_title_and_status(api_as, viewer, case, other_case):
    link(case, other_case, "blocked_by")
    rows = api_as(viewer).get(f"/cases/{case.pk}/relationships").json()
    assert rows[0]["related_case"] == {
        "id": str(other_case.pk),
        "case_number": "CASE-260101-00002",
        "title": "Rent arrears",
        "status_name": "Active",
        "status_type": "active",
    }
    assert rows[0]["relationship_type"] == "blocked_by"


def test_a_case_cannot_be_linked_to_itself(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships", {"related_case_id": str(case.pk), "relationship_type": "related"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "self_link"
    assert response.json()["field"] == "related_case_id"
    assert not CaseRelationship.objects.exists()


def test_linking_to_a_case_that_does_not_exist_is_refused(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(uuid.uuid4()), "relationship_type": "related"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_case"
    assert not CaseRelationship.objects.exists()


def test_an_unknown_link_type_is_refused(api_as, caseworker, case, other_case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "sibling"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "relationship_type"


def test_the_same_link_twice_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_exists"
    assert CaseRelationship.objects.count() == 2


def test_the_same_link_made_from_the_other_side_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{other_case.pk}/relationships",
        {"related_case_id": str(case.pk), "relationship_type": "child"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_exists"


def test_making_a_parent_the_child_of_its_own_child_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "child"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_contradicts"
    assert CaseRelationship.objects.count() == 2


def test_two_cases_may_be_related_and_one_block_the_other(case, other_case):
    link(case, other_case, "related")
    link(case, other_case, "blocks")
    assert links_of(case) == sorted([(other_case.pk, "related"), (other_case.pk, "blocks")])
    assert links_of(other_case) == sorted([(case.pk, "related"), (case.pk, "blocked_by")])


def test_removing_a_link_removes_its_inverse_too(api_as, caseworker, case, other_case):
    forward = link(case, other_case, "blocks")
    link(case, CaseFactory(), "related")
    response = api_as(caseworker).delete(f"/cases/{case.pk}/relationships/{forward.pk}")
    assert response.status_code == 204
    assert [kind for _, kind in links_of(case)] == ["related"]
    assert links_of(other_case) == []


def test_removing_a_link_through_a_case_it_does_not_belong_to_is_not_found(
    api_as, caseworker, case, other_case
):
    forward = link(case, other_case, "related")
    response = api_as(caseworker).delete(f"/cases/{CaseFactory().pk}/relationships/{forward.pk}")
    assert response.status_code == 404
    assert CaseRelationship.objects.count() == 2


def test_removing_a_link_that_does_not_exist_is_not_found(api_as, caseworker, case):
    response = api_as(caseworker).delete(f"/cases/{case.pk}/relationships/{uuid.uuid4()}")
    assert response.status_code == 404


def test_linking_and_unlinking_are_audited_on_both_cases(api_as, caseworker, case, other_case):
    api = api_as(caseworker)
    created = api.post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent"},
    ).json()
    api.delete(f"/cases/{case.pk}/relationships/{created['id']}")
    for target, kind in ((case, "parent"), (other_case, "child")):
        events = AuditEvent.objects.filter(target_id=str(target.pk)).order_by("created_at")
        assert [(e.verb, e.data["relationship_type"], e.actor) for e in events] == [
            ("case.relationship_added", kind, caseworker),
            ("case.relationship_removed", kind, caseworker),
        ]


def test_the_database_refuses_a_self_link(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRelationship.objects.create(case=case, related_case=case, relationship_type="related")


def test_the_database_refuses_the_same_link_twice(case, other_case):
    CaseRelationship.objects.create(case=case, related_case=other_case, relationship_type="related")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRelationship.objects.create(case=case, related_case=other_case, relationship_type="related")


def test_deleting_a_case_removes_its_links_on_the_other_case(case, other_case):
    link(case, other_case, "duplicate")
    case.delete()
    assert not CaseRelationship.objects.exists()


def test_listing_links_costs_a_fixed_number_of_queries(api_as, viewer, case, django_assert_max_num_queries):
    for _ in range(5):
        link(case, CaseFactory(), "related")
    api = api_as(viewer)
    with django_assert_max_num_queries(3):  # user, case, links with their cases, statuses and creators
        response = api.get(f"/cases/{case.pk}/relationships")
    assert len(response.json()) == 5


# --- services ------------------------------------------------------------------------------------------------


def service_body(**overrides):
    body = {
        "service_name": "Tenancy law advice",
        "service_type": "legal",
        "service_provider": "Legal Aid Society",
        "service_date": "2026-02-10",
        "start_time": "09:00",
        "end_time": "10:30",
        "status": "completed",
        "outcome": "Eviction postponed",
        "cost": "125.50",
        "currency": "USD",
    }
    body.update(overrides)
    return body


def add_service(api, case, **overrides):
    return api.post(f"/cases/{case.pk}/services", service_body(**overrides))


def test_a_caseworker_records_a_service_and_its_cost_comes_back_as_a_decimal_string(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["cost"] == "125.50"
    assert body["duration_minutes"] == 90
    assert body["start_time"] == "09:00:00"
    assert body["status"] == "completed"
    assert body["row_version"] == 1
    stored = CaseService.objects.get(pk=body["id"])
    assert stored.cost == Decimal("125.50")
    assert stored.created_by == caseworker
    assert AuditEvent.objects.filter(verb="case.service_added", target_id=str(case.pk)).exists()


def test_a_cost_sent_as_a_json_number_is_kept_to_the_cent(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, cost=19.99)
    assert response.status_code == 201
    assert response.json()["cost"] == "19.99"
    assert CaseService.objects.get().cost == Decimal("19.99")


def test_a_whole_cost_is_written_with_two_decimals(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, cost=40)
    assert response.json()["cost"] == "40.00"


@pytest.mark.parametrize("cost", ["-0.01", "12.345", "100000000.00", "NaN", "Infinity", "twelve"])
def test_a_cost_that_is_negative_too_precise_too_large_or_not_a_number_is_refused(
    api_as, caseworker, case, cost
):
    response = add_service(api_as(caseworker), case, cost=cost)
    assert response.status_code == 422
    assert response.json()["field"] == "cost"
    assert not CaseService.objects.exists()


def test_a_service_without_cost_or_times_has_neither(api_as, caseworker, case):
    body = {"service_name": "Food bank referral", "service_date": "2026-02-10"}
    response = api_as(caseworker).post(f"/cases/{case.pk}/services", body)
    assert response.status_code == 201
    created = response.json()
    assert (created["cost"], created["currency"], created["duration_minutes"]) == (None, "USD", None)
    assert (created["service_type"], created["status"]) == ("other", "scheduled")


def test_a_given_duration_within_the_time_span_is_kept(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, duration_minutes=75)
    assert response.json()["duration_minutes"] == 75


def test_a_duration_longer_than_the_time_span_is_refused(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, duration_minutes=120)
    assert response.status_code == 422
    assert response.json()["code"] == "duration_exceeds_span"


@pytest.mark.parametrize("end_time", ["08:59", "09:00"])
def test_an_end_time_not_after_the_start_time_is_refused(api_as, caseworker, case, end_time):
    response = add_service(api_as(caseworker), case, end_time=end_time)
    assert response.status_code == 422
    assert response.json()["code"] == "end_before_start"
    assert response.json()["field"] == "end_time"


def test_a_time_with_a_utc_offset_is_refused(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, start_time="09:00+02:00")
    assert response.status_code == 422
    assert response.json()["field"] == "start_time"


def test_a_lowercase_currency_is_stored_in_capitals(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, currency="eur")
    assert response.json()["currency"] == "EUR"


@pytest.mark.parametrize("currency", ["EURO", "E1R", ""])
def test_a_currency_that_is_not_three_letters_is_refused(api_as, caseworker, case, currency):
    response = add_service(api_as(caseworker), case, currency=currency)
    assert response.status_code == 422
    assert response.json()["field"] == "currency"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("service_date", None),
        ("service_type", "astrology"),
        ("status", "done"),
        ("service_name", ""),
        ("duration_minutes", -5),
    ],
)
def test_a_service_with_a_missing_or_unknown_value_is_refused(api_as, caseworker, case, field, value):
    response = add_service(api_as(caseworker), case, **{field: value})
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_services_are_listed_newest_first_untimed_ones_last_in_their_day(api_as, viewer, case):
    early = CaseServiceFactory(case=case, service_date=dt.date(2026, 2, 10), start_time=dt.time(9))
    untimed = CaseServiceFactory(case=case, service_date=dt.date(2026, 2, 10))
    late = CaseServiceFactory(case=case, service_date=dt.date(2026, 2, 10), start_time=dt.time(15))
    older = CaseServiceFactory(case=case, service_date=dt.date(2026, 1, 5))
    CaseServiceFactory()  # another case's
    rows = api_as(viewer).get(f"/cases/{case.pk}/services").json()
    assert [r["id"] for r in rows] == [str(s.pk) for s in (late, early, untimed, older)]


def test_listing_services_costs_a_fixed_number_of_queries(
    api_as, viewer, caseworker, case, django_assert_max_num_queries
):
    CaseServiceFactory.create_batch(5, case=case, created_by=caseworker, cost=Decimal("10.00"))
    api = api_as(viewer)
    with django_assert_max_num_queries(3):  # user, case, services with their creators
        response = api.get(f"/cases/{case.pk}/services")
    assert len(response.json()) == 5


def test_updating_a_service_changes_only_the_fields_sent(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    response = api.put(f"/services/{created['id']}", {"status": "no_show", "outcome": None})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["outcome"], body["service_name"], body["cost"]) == (
        "no_show",
        "",
        "Tenancy law advice",
        "125.50",
    )
    assert body["row_version"] == 2
    event = AuditEvent.objects.get(verb="case.service_updated")
    assert event.data["fields"] == ["outcome", "status"]


def test_moving_the_end_time_derives_the_duration_again(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case, duration_minutes=60).json()
    body = api.put(f"/services/{created['id']}", {"end_time": "11:00"}).json()
    assert body["duration_minutes"] == 120


def test_an_update_that_puts_the_end_before_the_start_writes_nothing(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    response = api.put(f"/services/{created['id']}", {"start_time": "11:00", "status": "cancelled"})
    assert response.status_code == 422
    assert response.json()["code"] == "end_before_start"
    stored = CaseService.objects.get(pk=created["id"])
    assert (stored.start_time, stored.status, stored.row_version) == (dt.time(9), "completed", 1)


def test_a_required_service_field_cannot_be_cleared(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    response = api.put(f"/services/{created['id']}", {"service_name": None})
    assert response.status_code == 422
    assert response.json()["field"] == "service_name"


def test_clearing_the_cost_leaves_no_cost(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    assert api.put(f"/services/{created['id']}", {"cost": None}).json()["cost"] is None


def test_an_update_from_a_stale_version_is_a_conflict(api_as, caseworker, manager, case):
    created = add_service(api_as(caseworker), case).json()
    first = api_as(manager).put(f"/services/{created['id']}", {"row_version": 1, "status": "cancelled"})
    assert first.status_code == 200
    response = api_as(caseworker).put(f"/services/{created['id']}", {"row_version": 1, "status": "no_show"})
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_modification"
    assert CaseService.objects.get().status == "cancelled"


def test_an_update_that_changes_nothing_keeps_the_version(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    body = api.put(f"/services/{created['id']}", {"cost": "125.5", "status": "completed"}).json()
    assert body["row_version"] == 1
    assert not AuditEvent.objects.filter(verb="case.service_updated").exists()


def test_deleting_a_service_removes_it_and_is_audited(api_as, manager, case):
    service = CaseServiceFactory(case=case)
    response = api_as(manager).delete(f"/services/{service.pk}")
    assert response.status_code == 204
    assert not CaseService.objects.exists()
    event = AuditEvent.objects.get(verb="case.service_removed")
    assert event.target_id == str(case.pk)
    assert event.data["service_name"] == service.service_name


def test_the_database_refuses_a_negative_cost(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseServiceFactory(case=case, cost=Decimal("-1.00"))


def test_the_database_refuses_an_end_before_the_start(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseServiceFactory(case=case, start_time=dt.time(10), end_time=dt.time(9))


@pytest.mark.parametrize("currency", ["usd", "US", "USDX"])
def test_the_database_refuses_a_currency_that_is_not_three_capitals(case, currency):
    # PostgreSQL refuses a fourth letter by the column's length (DataError), SQLite by the check constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        CaseServiceFactory(case=case, currency=currency)


# --- milestones ----------------------------------------------------------------------------------------------


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
        progress = milestone_progress([case.pk, other_case.pk, empty.pk])
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


# --- who may do what -----------------------------------------------------------------------------------------


def case_endpoints(case, other_case, relationship, service, milestone):
    """Every endpoint as (method, path, body) with a valid body."""
    return {
        "list links": ("get", f"/cases/{case.pk}/relationships", None),
        "add link": (
            "post",
            f"/cases/{case.pk}/relationships",
            {"related_case_id": str(other_case.pk), "relationship_type": "blocks"},
        ),
        "remove link": ("delete", f"/cases/{case.pk}/relationships/{relationship.pk}", None),
        "list services": ("get", f"/cases/{case.pk}/services", None),
        "add service": ("post", f"/cases/{case.pk}/services", service_body()),
        "change service": ("put", f"/services/{service.pk}", {"status": "completed"}),
        "remove service": ("delete", f"/services/{service.pk}", None),
        "list milestones": ("get", f"/cases/{case.pk}/milestones", None),
        "add milestone": ("post", f"/cases/{case.pk}/milestones", {"milestone_name": "Budget plan"}),
        "reorder milestones": (
            "post",
            f"/cases/{case.pk}/milestones/reorder",
            {"orderedIds": [str(milestone.pk)]},
        ),
        "change milestone": ("put", f"/milestones/{milestone.pk}", {"is_completed": True}),
        "remove milestone": ("delete", f"/milestones/{milestone.pk}", None),
    }


READS = ["list links", "list services", "list milestones"]
WRITES = [
    "add link",
    "remove link",
    "add service",
    "change service",
    "remove service",
    "add milestone",
    "reorder milestones",
    "change milestone",
    "remove milestone",
]
SUCCESS = {"get": 200, "put": 200, "delete": 204}


@pytest.fixture
def endpoints(case, other_case):
    relationship = link(case, other_case, "related")
    return case_endpoints(
        case, other_case, relationship, CaseServiceFactory(case=case), CaseMilestoneFactory(case=case)
    )


def call(api, endpoint):
    method, path, body = endpoint
    if body is None:
        return getattr(api, method)(path)
    return getattr(api, method)(path, body)


@pytest.mark.parametrize("name", READS + WRITES)
def test_anonymous_callers_get_401_everywhere(anonymous_api, endpoints, name):
    response = call(anonymous_api, endpoints[name])
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("name", WRITES)
def test_a_viewer_may_not_change_the_plan(api_as, viewer, endpoints, name):
    response = call(api_as(viewer), endpoints[name])
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert CaseRelationship.objects.count() == 2
    assert CaseService.objects.count() == 1
    assert CaseMilestone.objects.filter(is_completed=False).count() == 1


@pytest.mark.parametrize("role", ["viewer", *WRITERS])
@pytest.mark.parametrize("name", READS)
def test_every_role_may_read_the_plan(request, api_as, endpoints, role, name):
    response = call(api_as(request.getfixturevalue(role)), endpoints[name])
    assert response.status_code == 200


@pytest.mark.parametrize("role", WRITERS)
@pytest.mark.parametrize("name", WRITES)
def test_caseworkers_managers_and_admins_may_change_the_plan(request, api_as, endpoints, role, name):
    method, _, _ = endpoints[name]
    response = call(api_as(request.getfixturevalue(role)), endpoints[name])
    expected = 201 if method == "post" and name != "reorder milestones" else SUCCESS.get(method, 200)
    assert response.status_code == expected, response.json() if response.content else None


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{missing}/relationships",
        "/cases/{missing}/services",
        "/cases/{missing}/milestones",
    ],
)
def test_reading_the_plan_of_a_case_that_does_not_exist_is_not_found(api_as, viewer, path):
    response = api_as(viewer).get(path.format(missing=uuid.uuid4()))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("name", ["add link", "add service", "add milestone", "reorder milestones"])
def test_writing_to_the_plan_of_a_case_that_does_not_exist_is_not_found(
    api_as, caseworker, endpoints, case, name
):
    method, path, body = endpoints[name]
    response = getattr(api_as(caseworker), method)(path.replace(str(case.pk), str(uuid.uuid4())), body)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["change service", "remove service", "change milestone", "remove milestone"])
def test_a_service_or_milestone_that_does_not_exist_is_not_found(api_as, caseworker, endpoints, name):
    method, path, body = endpoints[name]
    missing = path.rsplit("/", 1)[0] + f"/{uuid.uuid4()}"
    response = call(api_as(caseworker), (method, missing, body))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["add link", "add service", "change service", "add milestone", "change milestone"]
)
def test_a_malformed_body_is_a_422_naming_the_field(api_as, caseworker, endpoints, name):
    method, path, _ = endpoints[name]
    bad = {
        "add link": {"related_case_id": "not-a-uuid", "relationship_type": "related"},
        "add service": service_body(service_date="10/02/2026"),
        "change service": {"duration_minutes": "long"},
        "add milestone": {"milestone_name": "Plan", "due_date": "soon"},
        "change milestone": {"is_completed": "perhaps"},
    }[name]
    response = getattr(api_as(caseworker), method)(path, bad)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["field"] in {
        "related_case_id",
        "service_date",
        "duration_minutes",
        "due_date",
        "is_completed",
    }


# --- documentation ---------------------------------------------------------------------------------------------

PLAN_ENDPOINTS = {
    ("get", "/api/cases/{case_id}/relationships"),
    ("post", "/api/cases/{case_id}/relationships"),
    ("delete", "/api/cases/{case_id}/relationships/{relationship_id}"),
    ("get", "/api/cases/{case_id}/services"),
    ("post", "/api/cases/{case_id}/services"),
    ("put", "/api/services/{service_id}"),
    ("delete", "/api/services/{service_id}"),
    ("get", "/api/cases/{case_id}/milestones"),
    ("post", "/api/cases/{case_id}/milestones"),
    ("post", "/api/cases/{case_id}/milestones/reorder"),
    ("put", "/api/milestones/{milestone_id}"),
    ("delete", "/api/milestones/{milestone_id}"),
}


def test_every_plan_endpoint_is_documented_with_its_errors(client):
    schema = client.get("/api/openapi.json").json()
    for method, path in PLAN_ENDPOINTS:
        operation = schema["paths"][path][method]
        assert {"401", "403", "404", "422"} <= set(operation["responses"]), (method, path)
        assert operation.get("description") or operation.get("summary"), (method, path)


def test_the_documented_cost_is_a_decimal_string(client):
    schema = client.get("/api/openapi.json").json()
    cost = schema["components"]["schemas"]["ServiceOut"]["properties"]["cost"]
    assert {"type": "string", "format": "decimal", "examples": ["125.50"]} in cost["anyOf"]
