"""GET /api/citizens/next: the operator's queue."""

import datetime as dt

import pytest
from django.utils import timezone

from casework.callcenter.models import CitizenRecord
from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, locked_citizen

pytestmark = pytest.mark.django_db


def test_the_next_citizen_is_locked_to_the_caller_for_thirty_minutes(as_operator, operator):
    citizen = CitizenFactory()
    before = timezone.now()

    response = as_operator.get("/citizens/next")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["locked_by"], body["appearance_count"]) == (
        citizen.pk,
        "InProgress",
        str(operator.pk),
        1,
    )
    citizen.refresh_from_db()
    assert citizen.locked_by == operator
    assert (
        before + dt.timedelta(minutes=30) <= citizen.locked_until <= timezone.now() + dt.timedelta(minutes=30)
    )
    assert before <= citizen.first_appearance_at <= timezone.now()
    assert citizen.second_appearance_at is None


def test_the_lock_duration_is_configurable(as_operator, settings):
    settings.CALLCENTER_LOCK_MINUTES = 5
    citizen = CitizenFactory()

    as_operator.get("/citizens/next")

    citizen.refresh_from_db()
    assert citizen.locked_until <= timezone.now() + dt.timedelta(minutes=5)


def test_an_empty_queue_answers_204_with_an_empty_body(as_operator):
    response = as_operator.get("/citizens/next")

    assert response.status_code == 204
    assert response.content == b""


def test_citizens_with_fewest_appearances_come_first_then_in_list_order(as_operator):
    twice = CitizenFactory(appearance_count=2)
    never_first_in_list = CitizenFactory(appearance_count=0)
    once = CitizenFactory(appearance_count=1)
    never_second_in_list = CitizenFactory(appearance_count=0)

    served = [as_operator.get("/citizens/next").json()["id"] for _ in range(4)]

    assert served == [never_first_in_list.pk, never_second_in_list.pk, once.pk, twice.pk]
    assert as_operator.get("/citizens/next").status_code == 204


def test_each_appearance_is_counted_and_stamped_first_second_third(as_operator):
    earlier = timezone.now() - dt.timedelta(hours=2)
    citizen = CitizenFactory(appearance_count=2, first_appearance_at=earlier, second_appearance_at=earlier)

    as_operator.get("/citizens/next")

    citizen.refresh_from_db()
    assert citizen.appearance_count == 3
    assert citizen.third_appearance_at > earlier
    assert citizen.first_appearance_at == citizen.second_appearance_at == earlier


@pytest.mark.parametrize(
    "fields",
    [
        {"is_answered_the_call": True},
        {"is_dead": True},
        {"is_left_the_city": True},
        {"status": "Updated"},
        {"appearance_count": 3},
    ],
    ids=["answered", "dead", "left-the-city", "updated", "shown-three-times"],
)
def test_citizens_that_are_done_never_come_back(as_operator, fields):
    CitizenFactory(**fields)
    assert as_operator.get("/citizens/next").status_code == 204


def test_a_citizen_with_a_106_case_never_comes_back(as_operator):
    CallcenterCaseFactory()
    assert as_operator.get("/citizens/next").status_code == 204


def test_a_citizen_locked_to_another_operator_is_not_handed_out(as_operator, other_operator):
    locked_citizen(other_operator)
    assert as_operator.get("/citizens/next").status_code == 204


def test_the_appearance_threshold_is_configurable(as_operator, settings):
    settings.CALLCENTER_APPEARANCE_THRESHOLD = 5
    citizen = CitizenFactory(appearance_count=4)

    assert as_operator.get("/citizens/next").json()["id"] == citizen.pk
    assert as_operator.get("/citizens/next").status_code == 204


def test_two_requests_hand_out_two_different_citizens(as_operator, api_as, other_operator):
    CitizenFactory.create_batch(2)

    first = as_operator.get("/citizens/next").json()
    second = api_as(other_operator).get("/citizens/next").json()

    assert first["id"] != second["id"]
    assert CitizenRecord.objects.filter(status="InProgress").count() == 2


def test_taking_the_next_citizen_takes_a_bounded_number_of_queries(
    as_operator, django_assert_max_num_queries
):
    CitizenFactory.create_batch(5)
    with django_assert_max_num_queries(10):  # 8, and the read audit's INSERT (PostgreSQL: and SET LOCAL)
        assert as_operator.get("/citizens/next").status_code == 200


def test_anonymous_callers_get_401(anonymous_api):
    assert anonymous_api.get("/citizens/next").status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_the_call_center_get_403_and_nothing_is_locked(api_as, request, persona):
    CitizenFactory()

    assert api_as(request.getfixturevalue(persona)).get("/citizens/next").status_code == 403
    assert CitizenRecord.objects.get().status == "Pending"
