"""The Nature Check part of `casework demo`."""

import random
from io import StringIO

import pytest

from casework.accounts.models import User
from casework.devdata.demo.naturecheck import PASSWORD, load_demo
from casework.naturecheck.models import Farm, Farmer, NatureCheckCase, Status
from casework.notifications.models import Notification
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def output() -> str:
    out = StringIO()
    load_demo(rng=random.Random(2026), stdout=out)
    return out.getvalue()


def test_the_demo_adds_consultants_and_employees_who_can_sign_in(output):
    consultants = User.objects.filter(role_id="consultant", is_active=True)
    assert consultants.count() == 6
    assert User.objects.filter(role_id="employee").count() == 2
    email = consultants.first().email
    assert f"{email} / {PASSWORD}" in output
    response = ApiClient(None).post("/auth/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 200


def test_the_demo_adds_danish_farms_each_with_an_address_and_a_farmer(output):
    assert Farm.objects.count() == 60
    assert Farmer.objects.count() == 40
    assert set(Farm.objects.values_list("country", flat=True)) == {"Danmark"}
    assert Farmer.objects.filter(farms__isnull=True).count() == 0
    assert Farmer.objects.filter(farms__isnull=False).distinct().count() < Farm.objects.count()


def test_the_demo_has_cases_in_every_status_and_unassigned_farms(output):
    for status in Status:
        assert NatureCheckCase.objects.filter(status=status).count() >= 3, status
    employee = User.objects.filter(role_id="employee").first()
    assert Farm.objects.with_assignment("unassigned", viewer=employee).exists()
    assert Farm.objects.with_assignment("assigned", viewer=employee).exists()
    reassigned = [
        c for c in NatureCheckCase.objects.all() if c.history.count() > 1 and "Omfordelt" in c.notes
    ]
    assert reassigned
    assert Notification.objects.filter(kind="naturecheck.case_assigned", is_read=True).exists()


def test_running_the_demo_twice_adds_nothing(output):
    before = (User.objects.count(), Farm.objects.count(), NatureCheckCase.objects.count())
    out = StringIO()
    load_demo(rng=random.Random(1), stdout=out)
    assert (User.objects.count(), Farm.objects.count(), NatureCheckCase.objects.count()) == before
    assert "already present" in out.getvalue()
