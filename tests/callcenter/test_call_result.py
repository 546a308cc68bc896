"""PUT /api/citizens/{id}: the operator submits what the call found."""

import datetime as dt

import pytest
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.callcenter.services import submit_call_result, take_next_citizen
from casework.core.errors import Conflict
from tests.callcenter.factories import CitizenFactory, handled_by, locked_citizen

pytestmark = pytest.mark.django_db

ANSWERED = {"is_answered_the_call": True, "has_safe_room": True, "is_lonely": True}


def test_an_answered_call_sets_updated_releases_the_lock_and_stamps_who_and_when(as_operator, operator):
    citizen = locked_citizen(operator)
    before = timezone.now()

    response = as_operator.put(f"/citizens/{citizen.pk}", ANSWERED)

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["locked_by"], body["locked_until"]) == ("Updated", None, None)
    assert (body["has_safe_room"], body["is_lonely"], body["last_updated_by"]) == (
        True,
        True,
        str(operator.pk),
    )
    citizen.refresh_from_db()
    assert citizen.last_updated_at >= before
    assert AuditEvent.objects.filter(verb="callcenter.call_recorded", target_id=str(citizen.pk)).exists()


def test_an_unanswered_call_returns_the_citizen_to_the_queue_for_another_attempt(as_operator, operator):
    citizen = locked_citizen(operator)

    response = as_operator.put(f"/citizens/{citizen.pk}", {"is_answered_the_call": False})

    assert response.json()["status"] == "Pending"
    assert as_operator.get("/citizens/next").json()["appearance_count"] == 2


def test_after_the_third_unanswered_attempt_the_citizen_waits_for_a_106_case(as_operator, operator):
    citizen = locked_citizen(operator, appearance_count=3)

    assert as_operator.put(f"/citizens/{citizen.pk}", {}).json()["status"] == "Pending"
    assert as_operator.get("/citizens/next").status_code == 204


@pytest.mark.parametrize("finding", ["is_dead", "is_left_the_city"])
def test_learning_the_resident_died_or_left_ends_their_time_in_the_queue(as_operator, operator, finding):
    citizen = locked_citizen(operator)

    assert as_operator.put(f"/citizens/{citizen.pk}", {finding: True}).json()["status"] == "Updated"


def test_a_record_locked_to_another_operator_gives_409_naming_the_lock_and_is_unchanged(
    as_operator, operator, other_operator
):
    citizen = handled_by(operator, locked_citizen(other_operator))

    response = as_operator.put(f"/citizens/{citizen.pk}", ANSWERED)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "locked_by_another_operator"
    assert body["locked_by"] == str(other_operator.pk)
    assert body["locked_until"] == citizen.locked_until.isoformat()
    citizen.refresh_from_db()
    assert (citizen.status, citizen.locked_by, citizen.is_answered_the_call) == (
        "InProgress",
        other_operator,
        False,
    )


def test_an_expired_lock_gives_409(as_operator, operator):
    citizen = locked_citizen(operator, minutes_left=-1)

    response = as_operator.put(f"/citizens/{citizen.pk}", ANSWERED)

    assert response.status_code == 409
    assert response.json()["code"] == "lock_expired"
    citizen.refresh_from_db()
    assert not citizen.is_answered_the_call


@pytest.mark.parametrize("status", ["Pending", "Updated"])
def test_a_record_that_is_not_in_progress_gives_409(as_operator, operator, status):
    citizen = handled_by(operator, CitizenFactory(status=status))

    response = as_operator.put(f"/citizens/{citizen.pk}", ANSWERED)

    assert response.status_code == 409
    assert response.json()["code"] == "not_in_progress"


def test_submitting_twice_gives_409_the_second_time(as_operator, operator):
    citizen = locked_citizen(operator)

    assert as_operator.put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 200
    assert as_operator.put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 409


def test_an_unknown_citizen_gives_404(as_operator):
    assert as_operator.put("/citizens/424242", ANSWERED).status_code == 404


def test_a_wrong_address_keeps_the_new_address(as_operator, operator):
    citizen = locked_citizen(operator)
    body = {
        **ANSWERED,
        "is_address_wrong": True,
        "new_street_name": "רחוב הרצל",
        "new_building_number": "12א",
        "new_flat_number": "4",
    }

    response = as_operator.put(f"/citizens/{citizen.pk}", body)

    assert response.status_code == 200
    assert (response.json()["new_street_name"], response.json()["new_building_number"]) == (
        "רחוב הרצל",
        "12א",
    )


def test_address_fields_whose_checkbox_is_off_are_cleared(as_operator, operator):
    citizen = locked_citizen(operator)
    body = {
        **ANSWERED,
        "new_street_name": "Park Lane",
        "new_building_number": "3",
        "has_temporary_address": True,
        "is_temporary_abroad": True,
        "temporary_street_name": "Rue de Rivoli",
        "temporary_building_number": "7",
    }

    body = as_operator.put(f"/citizens/{citizen.pk}", body).json()

    assert (body["new_street_name"], body["new_building_number"]) == ("", "")
    assert (body["temporary_street_name"], body["is_temporary_abroad"]) == ("", True)


def test_abroad_without_a_temporary_stay_is_not_kept(as_operator, operator):
    citizen = locked_citizen(operator)
    body = as_operator.put(f"/citizens/{citizen.pk}", {**ANSWERED, "is_temporary_abroad": True}).json()
    assert body["is_temporary_abroad"] is False


def test_a_local_temporary_address_is_kept(as_operator, operator):
    citizen = locked_citizen(operator)
    body = {
        **ANSWERED,
        "has_temporary_address": True,
        "temporary_street_name": "Derech Hebron",
        "temporary_building_number": "101",
        "temporary_flat_number": "",
    }

    response = as_operator.put(f"/citizens/{citizen.pk}", body)

    assert response.json()["temporary_street_name"] == "Derech Hebron"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"is_address_wrong": True, "new_building_number": "3"}, "new_street_name"),
        ({"is_address_wrong": True, "new_street_name": "Park Lane"}, "new_building_number"),
        (
            {"is_address_wrong": True, "new_street_name": "Park Lane", "new_building_number": "3ab"},
            "new_building_number",
        ),
        (
            {"is_address_wrong": True, "new_street_name": "Park Lane", "new_building_number": "a3"},
            "new_building_number",
        ),
        (
            {
                "is_address_wrong": True,
                "new_street_name": "Park Lane",
                "new_building_number": "3",
                "new_flat_number": "4b",
            },
            "new_flat_number",
        ),
        ({"is_address_wrong": True, "new_street_name": "12", "new_building_number": "3"}, "new_street_name"),
        (
            {"is_address_wrong": True, "new_street_name": "=cmd|' /C calc'!A0", "new_building_number": "3"},
            "new_street_name",
        ),
        ({"has_temporary_address": True, "temporary_building_number": "5"}, "temporary_street_name"),
        (
            {"has_temporary_address": True, "temporary_street_name": "Elm", "temporary_building_number": "x"},
            "temporary_building_number",
        ),
        ({"family_number": 0}, "family_number"),
        ({"is_answered_the_call": "perhaps"}, "is_answered_the_call"),
        ({"new_street_name": "x" * 201}, "new_street_name"),
    ],
)
def test_invalid_fields_give_422_naming_the_field_and_change_nothing(as_operator, operator, changes, field):
    citizen = locked_citizen(operator)

    response = as_operator.put(f"/citizens/{citizen.pk}", {**ANSWERED, **changes})

    assert response.status_code == 422
    assert response.json()["field"] == field
    citizen.refresh_from_db()
    assert (citizen.status, citizen.is_answered_the_call) == ("InProgress", False)


def test_anonymous_callers_get_401(anonymous_api):
    assert anonymous_api.put("/citizens/1", ANSWERED).status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_the_call_center_get_403(api_as, request, persona, operator):
    citizen = locked_citizen(operator)
    assert (
        api_as(request.getfixturevalue(persona)).put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 403
    )


def test_a_lock_lasts_exactly_the_configured_minutes(operator, settings):
    settings.CALLCENTER_LOCK_MINUTES = 1
    CitizenFactory.create_batch(2)
    taken_at = timezone.now()
    in_time = take_next_citizen(operator=operator, now=taken_at)
    too_late = take_next_citizen(operator=operator, now=taken_at)
    assert in_time is not None and too_late is not None

    submit_call_result(
        in_time.pk, operator=operator, result=ANSWERED, now=taken_at + dt.timedelta(seconds=59)
    )
    with pytest.raises(Conflict) as expired:
        submit_call_result(
            too_late.pk, operator=operator, result=ANSWERED, now=taken_at + dt.timedelta(seconds=60)
        )
    assert expired.value.code == "lock_expired"
