"""The outcomes report: totals and week/month buckets, checked against numbers worked out by hand.

Calendar used below: 2026-01-01 is a Thursday, so weeks start on Mondays 2025-12-29, 2026-01-05,
2026-01-12, 2026-01-19, 2026-01-26 and 2026-02-02; 2026-02-01 is a Sunday.
"""

import datetime as dt

import pytest
from django.utils import timezone

from casework.cases.models import CaseNote
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.contacts.factories import ContactFactory
from tests.outcomes.factories import ImpactFactory, OutcomeDefinitionFactory

pytestmark = pytest.mark.django_db

RANGE = {"from": "2026-01-01", "to": "2026-02-01"}


def at(day: str, time: str):
    moment = dt.datetime.fromisoformat(f"{day}T{time}")
    return timezone.make_aware(moment, timezone.get_current_timezone())


def note_at(case, moment, *, author=None, note_type="note") -> CaseNote:
    note = CaseNoteFactory(case=case, created_by=author, note_type=note_type)
    CaseNote.objects.filter(pk=note.pk).update(created_at=moment)  # created_at is auto_now_add
    return note


@pytest.fixture
def timeline(caseworker, manager, housing, employment):
    """Notes across week and month edges, for two clients (Ann has two cases, Ben one).

    n1 Sun 2026-01-04 23:30  Ann/case 1  housing, employment   (by the caseworker)
    n2 Mon 2026-01-05 00:10  Ann/case 2  housing, private      (private: not reportable)
    n3 Sat 2026-01-31 12:00  Ben         housing, employment with impact=false   (a call)
    n4 Sun 2026-02-01 09:00  Ben         employment            (last day, included)
    n5 Mon 2026-02-02 09:00  Ann/case 1  housing               (after `to`)
    n6 Wed 2025-12-31 23:59  Ben         housing               (before `from`)
    """
    ann, ben = ContactFactory(first_name="Ann"), ContactFactory(first_name="Ben")
    ann_1, ann_2, ben_1 = CaseFactory(contact=ann), CaseFactory(contact=ann), CaseFactory(contact=ben)
    private = OutcomeDefinitionFactory(
        key="private_outcome", name="Private", is_reportable=False, sort_order=9
    )
    n1 = note_at(ann_1, at("2026-01-04", "23:30"), author=caseworker)
    n2 = note_at(ann_2, at("2026-01-05", "00:10"), author=manager)
    n3 = note_at(ben_1, at("2026-01-31", "12:00"), author=manager, note_type="call")
    n4 = note_at(ben_1, at("2026-02-01", "09:00"), author=manager)
    n5 = note_at(ann_1, at("2026-02-02", "09:00"), author=manager)
    n6 = note_at(ben_1, at("2025-12-31", "23:59"), author=manager)
    for note, definition in [
        (n1, housing),
        (n1, employment),
        (n2, housing),
        (n2, private),
        (n3, housing),
        (n4, employment),
        (n5, housing),
        (n6, housing),
    ]:
        ImpactFactory(interaction=note, outcome_definition=definition)
    ImpactFactory(interaction=n3, outcome_definition=employment, impact=False)
    return {"private": private}


def totals(body) -> dict[str, tuple[int, int]]:
    return {
        row["key"]: (row["countImpacts"], row["uniqueClientsImpacted"]) for row in body["totalsByOutcome"]
    }


def series(body) -> list[tuple[str, str, int, int]]:
    return [
        (row["bucketStart"], row["key"], row["countImpacts"], row["uniqueClientsImpacted"])
        for row in body["timeseries"]
    ]


def test_totals_count_impacts_and_distinct_clients_within_the_days(api_as, viewer, timeline):
    response = api_as(viewer).get("/reports/outcomes", **RANGE)

    assert response.status_code == 200, response.json()
    # housing: n1 (Ann), n2 (Ann, other case), n3 (Ben); employment: n1 (Ann), n4 (Ben); n3's is no impact
    assert totals(response.json()) == {"housing_stabilized": (3, 2), "employment_obtained": (2, 2)}
    assert [row["key"] for row in response.json()["totalsByOutcome"]] == [
        "housing_stabilized",
        "employment_obtained",
    ]


def test_weekly_buckets_start_on_monday(api_as, viewer, timeline):
    body = api_as(viewer).get("/reports/outcomes", **RANGE, bucket="week").json()

    assert body["bucket"] == "week"
    assert series(body) == [
        ("2025-12-29", "housing_stabilized", 1, 1),  # n1, Sunday night, still the week of Dec 29
        ("2025-12-29", "employment_obtained", 1, 1),
        ("2026-01-05", "housing_stabilized", 1, 1),  # n2, ten past midnight on Monday
        ("2026-01-26", "housing_stabilized", 1, 1),  # n3
        ("2026-01-26", "employment_obtained", 1, 1),  # n4, Sunday Feb 1: week of Jan 26
    ]


def test_weekly_is_the_default_bucket(api_as, viewer, timeline):
    body = api_as(viewer).get("/reports/outcomes", **RANGE).json()

    assert body["bucket"] == "week"
    assert series(body)[0][0] == "2025-12-29"


def test_monthly_buckets_start_on_the_first(api_as, viewer, timeline):
    body = api_as(viewer).get("/reports/outcomes", **RANGE, bucket="month").json()

    assert series(body) == [
        ("2026-01-01", "housing_stabilized", 3, 2),  # n1, n2 (Ann), n3 (Ben)
        ("2026-01-01", "employment_obtained", 1, 1),  # n1
        ("2026-02-01", "employment_obtained", 1, 1),  # n4
    ]


def test_a_wider_range_takes_in_the_edges(api_as, viewer, timeline):
    body = api_as(viewer).get("/reports/outcomes", **{"from": "2025-12-31", "to": "2026-02-02"}).json()

    assert totals(body) == {"housing_stabilized": (5, 2), "employment_obtained": (2, 2)}


def test_the_whole_calendar_takes_in_every_impact(api_as, viewer, timeline):
    """0001-01-01 to 9999-12-31 (the end of the calendar used to overflow into a 500) counts everything."""
    body = api_as(viewer).get("/reports/outcomes", **{"from": "0001-01-01", "to": "9999-12-31"}).json()

    assert totals(body) == {"housing_stabilized": (5, 2), "employment_obtained": (2, 2)}


def test_staff_filter_keeps_the_interactions_of_one_author(api_as, viewer, caseworker, timeline):
    body = api_as(viewer).get("/reports/outcomes", **RANGE, staffId=str(caseworker.pk)).json()

    assert totals(body) == {"housing_stabilized": (1, 1), "employment_obtained": (1, 1)}


def test_interaction_type_filter_keeps_one_kind_of_note(api_as, viewer, timeline):
    body = api_as(viewer).get("/reports/outcomes", **RANGE, interactionType="call").json()

    assert totals(body) == {"housing_stabilized": (1, 1)}


def test_disabled_outcomes_still_count(api_as, admin, viewer, housing, timeline):
    api_as(admin).post(f"/admin/outcomes/{housing.pk}/disable")

    body = api_as(viewer).get("/reports/outcomes", **RANGE).json()

    assert totals(body)["housing_stabilized"] == (3, 2)


def test_admins_may_include_non_reportable_outcomes(api_as, admin, timeline):
    body = api_as(admin).get("/reports/outcomes", **RANGE, includeNonReportable="true").json()

    assert totals(body)["private_outcome"] == (1, 1)
    assert ("2026-01-05", "private_outcome", 1, 1) in series(body)


@pytest.mark.parametrize("persona", ["manager", "caseworker", "viewer"])
def test_others_asking_for_non_reportable_outcomes_get_403(api_as, request, persona):
    response = api_as(request.getfixturevalue(persona)).get(
        "/reports/outcomes", **RANGE, includeNonReportable="true"
    )

    assert response.status_code == 403
    assert response.json()["field"] == "includeNonReportable"


@pytest.mark.parametrize("persona", ["admin", "manager", "caseworker", "viewer"])
def test_everyone_with_reports_view_reads_the_report(api_as, request, persona):
    response = api_as(request.getfixturevalue(persona)).get("/reports/outcomes", **RANGE)

    assert response.status_code == 200
    assert response.json() == {"bucket": "week", "totalsByOutcome": [], "timeseries": []}


def test_a_role_without_reports_view_gets_403(api_as):
    from casework.accounts.models import Role
    from tests.accounts.factories import UserFactory

    Role.objects.create(code="intake", name="Intake desk", permissions=["cases.view"])
    response = api_as(UserFactory(role_id="intake")).get("/reports/outcomes", **RANGE)

    assert response.status_code == 403


def test_program_filter_is_unsupported(api_as, viewer):
    response = api_as(viewer).get("/reports/outcomes", **RANGE, programId="any")

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("unsupported", "programId")


def test_from_after_to_is_422(api_as, viewer):
    response = api_as(viewer).get("/reports/outcomes", **{"from": "2026-02-01", "to": "2026-01-01"})

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("invalid_range", "from")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"to": "2026-01-01"}, "from"),
        ({"from": "2026-01-01"}, "to"),
        ({**RANGE, "bucket": "day"}, "bucket"),
        ({**RANGE, "staffId": "someone"}, "staffId"),
        ({**RANGE, "interactionType": "fax"}, "interactionType"),
        ({"from": "January", "to": "2026-01-01"}, "from"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(api_as, viewer, params, field):
    response = api_as(viewer).get("/reports/outcomes", **params)

    assert response.status_code == 422
    assert response.json()["field"] == field


def test_the_report_costs_a_fixed_number_of_queries(api_as, viewer, timeline, django_assert_max_num_queries):
    client = api_as(viewer)
    with django_assert_max_num_queries(4):  # user, role, totals, time series
        response = client.get("/reports/outcomes", **RANGE, bucket="month")
    assert response.status_code == 200
