"""Two employees at once: the database decides, each caller gets a defined answer.

Real concurrent connections (threads), on SQLite and on PostgreSQL.
"""

from collections import Counter

import pytest

from casework.naturecheck.models import Farm, NatureCheckCase
from casework.notifications.models import Notification
from tests.concurrency import run_at_once
from tests.naturecheck.conftest import NatureCheckApi
from tests.naturecheck.factories import ConsultantFactory, EmployeeFactory, FarmFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people():
    return {
        "employees": EmployeeFactory.create_batch(2),
        "consultants": ConsultantFactory.create_batch(2),
    }


def test_two_employees_assigning_the_same_farm_at_once_get_one_201_and_one_409(people):
    farm = FarmFactory()
    employees, consultants = people["employees"], people["consultants"]

    def assign(i):
        body = {"farm_id": str(farm.pk), "consultant_id": str(consultants[i].pk)}
        response = NatureCheckApi(employees[i]).post("/naturecheck/cases", body)
        return response.status_code, response.json().get("code")

    results = run_at_once(2, assign)
    assert Counter(code for code, _ in results) == Counter({201: 1, 409: 1})
    assert "farm_has_active_case" in {c for _, c in results}
    case = NatureCheckCase.objects.get(farm=farm)
    assert Notification.objects.filter(target_id=str(case.pk)).count() == 1
    assert Notification.objects.count() == 1


def test_eight_assignments_of_one_farm_at_once_leave_exactly_one_active_case(people):
    farm = FarmFactory()
    employee, consultant = people["employees"][0], people["consultants"][0]

    def assign(_):
        body = {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk)}
        return NatureCheckApi(employee).post("/naturecheck/cases", body).status_code

    assert Counter(run_at_once(8, assign)) == Counter({201: 1, 409: 7})
    assert NatureCheckCase.objects.filter(farm=farm).count() == 1


def test_two_simultaneous_updates_from_the_same_version_one_wins_one_gets_409(people):
    employees, consultants = people["employees"], people["consultants"]
    farm = FarmFactory()
    created = NatureCheckApi(employees[0]).post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultants[0].pk)}
    )
    case_id = created.json()["id"]

    def reassign(i):
        body = {"row_version": 1, "consultant_id": str(consultants[1].pk), "notes": f"Edit {i}"}
        response = NatureCheckApi(employees[i]).put(f"/naturecheck/cases/{case_id}", body)
        return response.status_code, response.json()

    results = run_at_once(2, reassign)
    assert Counter(code for code, _ in results) == Counter({200: 1, 409: 1})
    loser = next(body for code, body in results if code == 409)
    winner = next(body for code, body in results if code == 200)
    assert loser["code"] == "concurrent_modification"
    assert loser["current"]["row_version"] == 2
    assert loser["current"]["notes"] == winner["notes"]
    case = NatureCheckCase.objects.get(pk=case_id)
    assert case.row_version == 2
    assert case.history.count() == 2
    assert Notification.objects.filter(recipient=consultants[1]).count() == 1


def test_an_update_and_a_cancellation_at_once_never_both_win(people):
    employees, consultants = people["employees"], people["consultants"]
    farm = FarmFactory()
    created = NatureCheckApi(employees[0]).post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultants[0].pk)}
    )
    case_id = created.json()["id"]

    def act(i):
        api = NatureCheckApi(employees[i])
        if i == 0:
            return api.put(
                f"/naturecheck/cases/{case_id}", {"row_version": 1, "priority": "High"}
            ).status_code
        return api.put(
            f"/naturecheck/cases/{case_id}/status", {"status": "Cancelled", "row_version": 1}
        ).status_code

    assert sorted(run_at_once(2, act)) == [200, 409]
    assert NatureCheckCase.objects.get(pk=case_id).row_version == 2


def test_deleting_a_farm_while_it_is_being_assigned_gives_a_defined_answer(people):
    farm = FarmFactory()
    employees, consultants = people["employees"], people["consultants"]

    def act(i):
        api = NatureCheckApi(employees[i])
        if i == 0:
            return api.delete(f"/naturecheck/farms/{farm.pk}").status_code
        return api.post(
            "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultants[0].pk)}
        ).status_code

    deleted, assigned = run_at_once(2, act)
    assert (deleted, assigned) in {(204, 404), (409, 201)}
    assert Farm.objects.filter(pk=farm.pk).exists() == (assigned == 201)
