"""Two or more people at once: the database decides, every caller gets a defined answer.

These tests open real concurrent connections (threads), on SQLite and on PostgreSQL.
"""

from collections import Counter

import pytest

from casework.cases.models import Case, CaseNote
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type, status
from tests.concurrency import run_at_once
from tests.conftest import ApiClient
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_simultaneous_creations_get_twenty_distinct_case_numbers():
    user = UserFactory(role_id="caseworker")
    contact = ContactFactory()
    body = {"contact_id": str(contact.pk), "case_type_id": str(case_type().pk), "title": "Same moment"}

    def create(_):
        response = ApiClient(user).post("/cases", body)
        return response.status_code, response.json().get("case_number")

    results = run_at_once(20, create)
    assert [code for code, _ in results] == [201] * 20
    numbers = [number for _, number in results]
    assert len(set(numbers)) == 20
    assert Case.objects.count() == 20
    assert CaseNote.objects.count() == 20
    assert sorted(int(n[-5:]) for n in numbers) == list(range(1, 21))


def caseworker_with_a_case() -> tuple:
    """A caseworker and a case they opened through the API (so it has its intake note and history)."""
    user = UserFactory(role_id="caseworker")
    body = {"contact_id": str(ContactFactory().pk), "case_type_id": str(case_type().pk), "title": "Original"}
    return user, ApiClient(user).post("/cases", body).json()


def test_two_simultaneous_updates_from_the_same_version_one_wins_one_gets_409():
    user, created = caseworker_with_a_case()

    def update(i):
        return (
            ApiClient(user)
            .put(f"/cases/{created['id']}", {"row_version": 1, "title": f"Edit {i}"})
            .status_code
        )

    results = Counter(run_at_once(2, update))
    assert results == Counter({200: 1, 409: 1})
    case = Case.objects.get(pk=created["id"])
    assert case.row_version == 2
    assert case.title in {"Edit 0", "Edit 1"}
    assert case.history.count() == 2  # created + the one winning update


def test_eight_writers_with_the_same_version_exactly_one_wins_and_no_update_is_lost():
    user, created = caseworker_with_a_case()

    def update(i):
        return (
            ApiClient(user)
            .put(f"/cases/{created['id']}", {"row_version": 1, "priority": "urgent"})
            .status_code
        )

    assert Counter(run_at_once(8, update)) == Counter({200: 1, 409: 7})
    assert Case.objects.get(pk=created["id"]).row_version == 2


def test_simultaneous_status_changes_from_intake_leave_one_consistent_trail():
    user, created = caseworker_with_a_case()
    targets = [status("Active"), status("Under Review")]

    def move(i):
        body = {"new_status_id": str(targets[i].pk), "row_version": 1}
        return ApiClient(user).put(f"/cases/{created['id']}/status", body).status_code

    assert Counter(run_at_once(2, move)) == Counter({200: 1, 409: 1})
    notes = CaseNote.objects.filter(case_id=created["id"], note_type="status_change")
    assert notes.count() == 1
    assert notes.get().new_status == Case.objects.get(pk=created["id"]).status
