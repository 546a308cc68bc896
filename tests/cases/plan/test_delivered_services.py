"""Services delivered for a case: money as a decimal string, times and durations, currency, updates, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from casework.audit.models import AuditEvent
from casework.cases.plan.models import DeliveredService
from tests.cases.plan.factories import DeliveredServiceFactory, service_body

pytestmark = pytest.mark.django_db


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
    stored = DeliveredService.objects.get(pk=body["id"])
    assert stored.cost == Decimal("125.50")
    assert stored.created_by == caseworker
    assert AuditEvent.objects.filter(verb="case.service_added", target_id=str(case.pk)).exists()


def test_a_cost_sent_as_a_json_number_is_kept_to_the_cent(api_as, caseworker, case):
    response = add_service(api_as(caseworker), case, cost=19.99)
    assert response.status_code == 201
    assert response.json()["cost"] == "19.99"
    assert DeliveredService.objects.get().cost == Decimal("19.99")


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
    assert not DeliveredService.objects.exists()


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
    early = DeliveredServiceFactory(case=case, service_date=dt.date(2026, 2, 10), start_time=dt.time(9))
    untimed = DeliveredServiceFactory(case=case, service_date=dt.date(2026, 2, 10))
    late = DeliveredServiceFactory(case=case, service_date=dt.date(2026, 2, 10), start_time=dt.time(15))
    older = DeliveredServiceFactory(case=case, service_date=dt.date(2026, 1, 5))
    DeliveredServiceFactory()  # another case's
    rows = api_as(viewer).get(f"/cases/{case.pk}/services").json()
    assert [r["id"] for r in rows] == [str(s.pk) for s in (late, early, untimed, older)]


def test_listing_services_costs_a_fixed_number_of_queries(
    api_as, viewer, caseworker, case, django_assert_max_num_queries
):
    DeliveredServiceFactory.create_batch(5, case=case, created_by=caseworker, cost=Decimal("10.00"))
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
    stored = DeliveredService.objects.get(pk=created["id"])
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
    assert DeliveredService.objects.get().status == "cancelled"


def test_an_update_that_changes_nothing_keeps_the_version(api_as, caseworker, case):
    api = api_as(caseworker)
    created = add_service(api, case).json()
    body = api.put(f"/services/{created['id']}", {"cost": "125.5", "status": "completed"}).json()
    assert body["row_version"] == 1
    assert not AuditEvent.objects.filter(verb="case.service_updated").exists()


def test_deleting_a_service_removes_it_and_is_audited(api_as, manager, case):
    service = DeliveredServiceFactory(case=case)
    response = api_as(manager).delete(f"/services/{service.pk}")
    assert response.status_code == 204
    assert not DeliveredService.objects.exists()
    event = AuditEvent.objects.get(verb="case.service_removed")
    assert event.target_id == str(case.pk)
    assert event.data["service_name"] == service.service_name


def test_the_database_refuses_a_negative_cost(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveredServiceFactory(case=case, cost=Decimal("-1.00"))


def test_the_database_refuses_an_end_before_the_start(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveredServiceFactory(case=case, start_time=dt.time(10), end_time=dt.time(9))


@pytest.mark.parametrize("currency", ["usd", "US", "USDX"])
def test_the_database_refuses_a_currency_that_is_not_three_capitals(case, currency):
    # PostgreSQL refuses a fourth letter by the column's length (DataError), SQLite by the check constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        DeliveredServiceFactory(case=case, currency=currency)
