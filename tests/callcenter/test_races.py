"""Operators at the same moment, on real concurrent connections (threads), on SQLite and PostgreSQL."""

from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.accounts.tokens import issue_token
from casework.callcenter.models import CallcenterCase, CitizenRecord
from tests.accounts.factories import UserFactory
from tests.callcenter.factories import CitizenFactory, awaiting_106_case
from tests.concurrency import run_at_once
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_thirty_simultaneous_106_cases_for_one_citizen_give_one_201_and_twenty_nine_409():
    operators = [UserFactory(role_id="operator") for _ in range(3)]
    clients = [ApiClient(user) for user in operators]
    citizen = awaiting_106_case()

    def create(i):
        response = clients[i % 3].post("/citizens/106-case", {"id": citizen.pk, "caseNumber": f"{i:06d}"})
        return response.status_code, response.json().get("message")

    results = run_at_once(30, create)

    assert Counter(code for code, _ in results) == Counter({201: 1, 409: 29})
    assert {message for code, message in results if code == 409} == {
        "A case already exists for this citizen."
    }
    assert CallcenterCase.objects.filter(citizen=citizen).count() == 1


def test_operators_asking_at_the_same_moment_never_get_the_same_citizen():
    operators = [UserFactory(role_id="operator") for _ in range(12)]
    clients = [ApiClient(user) for user in operators]
    citizens = CitizenFactory.create_batch(8)

    def take(i):
        response = clients[i].get("/citizens/next")
        return response.status_code, response.json()["id"] if response.status_code == 200 else None

    results = run_at_once(12, take)

    served = [citizen_id for code, citizen_id in results if code == 200]
    assert Counter(code for code, _ in results) == Counter({200: 8, 204: 4})
    assert sorted(served) == sorted(c.pk for c in citizens)
    locks = CitizenRecord.objects.values_list("locked_by", flat=True)
    assert len(set(locks)) == 8
    assert set(CitizenRecord.objects.values_list("appearance_count", flat=True)) == {1}


def test_two_simultaneous_uploads_load_the_list_once():
    admin = UserFactory(role_id="admin")
    content = "FID,StreetName,BuildingNumber,FirstName,LastName,FamilyNumber\r\n" + "".join(
        f"{n},Elm,{n + 1},Dan,Levi,1\r\n" for n in range(200)
    )

    def upload(_):
        file = SimpleUploadedFile("list.csv", content.encode(), "text/csv")
        headers = {"Authorization": f"Bearer {issue_token(admin).token}"}
        return Client().post("/api/admin/citizens", {"file": file}, headers=headers).status_code

    assert Counter(run_at_once(2, upload)) == Counter({201: 1, 409: 1})
    assert CitizenRecord.objects.count() == 200
