"""POST /api/citizens/106-case: the seed's contract, status by status."""

import pytest

from casework.audit.models import AuditEvent
from casework.callcenter.models import CallcenterCase, CitizenRecord
from tests.callcenter.factories import (
    CallcenterCaseFactory,
    CitizenFactory,
    awaiting_106_case,
    handled_by,
    locked_citizen,
)

pytestmark = pytest.mark.django_db


def test_creating_a_case_answers_201_with_the_case_in_camel_case_and_a_location(as_operator):
    citizen = awaiting_106_case()

    response = as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "callcenterCaseNumber", "citizenRecordId", "createdAt", "updatedAt"}
    assert body["callcenterCaseNumber"] == "123456"
    assert body["citizenRecordId"] == citizen.pk
    assert response.headers["Location"] == f"/api/citizens/106-case/{body['id']}"
    assert as_operator.get(response.headers["Location"]).json() == body


def test_citizen_record_id_is_accepted_in_place_of_id(as_admin):
    citizen = awaiting_106_case()

    response = as_admin.post("/citizens/106-case", {"citizenRecordId": citizen.pk, "caseNumber": "000042"})

    assert response.status_code == 201
    assert CallcenterCase.objects.get().citizen == citizen


def test_an_unknown_citizen_gives_404_citizen_not_found(as_operator):
    response = as_operator.post("/citizens/106-case", {"id": 999999, "caseNumber": "123456"})

    assert response.status_code == 404
    assert response.json()["message"] == "Citizen not found."
    assert CallcenterCase.objects.count() == 0


def test_a_second_case_for_the_same_citizen_gives_409_and_keeps_the_first(as_operator, operator):
    case = CallcenterCaseFactory(
        callcenter_case_number="111111", citizen=handled_by(operator, CitizenFactory())
    )

    response = as_operator.post("/citizens/106-case", {"id": case.citizen_id, "caseNumber": "222222"})

    assert response.status_code == 409
    assert response.json()["message"] == "A case already exists for this citizen."
    assert list(CallcenterCase.objects.values_list("callcenter_case_number", flat=True)) == ["111111"]


@pytest.mark.parametrize(
    "case_number", ["12345", "1234567", "12a456", "", "1234567\n", "١٢٣٤٥٦", "12 456", "-12345"]
)
def test_a_case_number_that_is_not_exactly_six_digits_gives_422(as_operator, case_number):
    citizen = awaiting_106_case()

    response = as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": case_number})

    assert response.status_code == 422
    assert response.json()["field"] == "caseNumber"
    assert CallcenterCase.objects.count() == 0


def test_spaces_around_a_pasted_case_number_are_trimmed(as_operator):
    citizen = awaiting_106_case()

    response = as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": " 123456\n"})

    assert response.status_code == 201
    assert response.json()["callcenterCaseNumber"] == "123456"


def test_the_case_number_pattern_is_configurable(as_operator, settings):
    settings.CALLCENTER_CASE_NUMBER_PATTERN = r"^[A-Z]{2}-\d{4}$"
    citizen = awaiting_106_case()

    assert (
        as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"}).status_code == 422
    )
    assert (
        as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "TA-0042"}).status_code == 201
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"caseNumber": "123456"}, "id"),
        ({"id": 1}, "caseNumber"),
        ({"id": "abc", "caseNumber": "123456"}, "id"),
        ({"id": 0, "caseNumber": "123456"}, "id"),
        ({"id": 2**70, "caseNumber": "123456"}, "id"),
        ({"id": 1, "citizenRecordId": 2, "caseNumber": "123456"}, "id"),
        ({"id": 1, "caseNumber": 123456}, "caseNumber"),
    ],
)
def test_a_malformed_request_gives_422_naming_the_field(as_operator, body, field):
    response = as_operator.post("/citizens/106-case", body)

    assert response.status_code == 422
    assert response.json()["field"] == field


def test_a_citizen_with_a_case_leaves_the_queue_and_an_operators_lock_on_it_is_released(
    as_operator, operator
):
    citizen = locked_citizen(operator, appearance_count=3)

    assert (
        as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"}).status_code == 201
    )

    citizen.refresh_from_db()
    assert (citizen.status, citizen.locked_by, citizen.locked_until) == ("Pending", None, None)
    assert as_operator.get("/citizens/next").status_code == 204


def test_creating_a_case_is_recorded_in_the_audit_log(as_operator, operator):
    citizen = awaiting_106_case()

    case_id = as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"}).json()["id"]

    event = AuditEvent.objects.get(verb="callcenter.case_opened")
    assert (event.actor, event.target_id, event.data["citizen_id"]) == (operator, str(case_id), citizen.pk)


def test_anonymous_callers_get_401(anonymous_api):
    citizen = CitizenFactory()
    response = anonymous_api.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"})
    assert response.status_code == 401


@pytest.mark.parametrize("persona", ["viewer", "caseworker", "manager"])
def test_staff_outside_the_call_center_get_403(api_as, request, persona):
    citizen = CitizenFactory()

    response = api_as(request.getfixturevalue(persona)).post(
        "/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"}
    )

    assert response.status_code == 403
    assert CallcenterCase.objects.count() == 0


def test_reading_an_unknown_case_gives_404(as_operator):
    assert as_operator.get("/citizens/106-case/12345").status_code == 404


def test_reading_a_case_takes_at_most_three_queries(as_operator, operator, django_assert_max_num_queries):
    case = CallcenterCaseFactory(citizen=handled_by(operator, CitizenFactory()))
    with django_assert_max_num_queries(3):  # token's user, the case (and a spare for the role)
        assert as_operator.get(f"/citizens/106-case/{case.pk}").status_code == 200


def test_deleting_a_citizen_deletes_its_case():
    case = CallcenterCaseFactory()
    CitizenRecord.objects.filter(pk=case.citizen_id).delete()
    assert not CallcenterCase.objects.exists()
