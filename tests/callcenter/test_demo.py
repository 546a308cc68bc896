"""The call center's part of `casework demo`."""

import random
from io import StringIO

import pytest

from casework.accounts.models import User
from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.devdata.demo.callcenter import OPERATOR_EMAIL, PASSWORD, load_demo
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_demo_adds_an_operator_and_a_few_hundred_citizens_some_with_a_106_case():
    load_demo(rng=random.Random(2026), stdout=StringIO())

    operator = User.objects.get(email=OPERATOR_EMAIL)
    assert operator.role_id == "operator"
    assert operator.check_password(PASSWORD)
    assert 200 <= CitizenRecord.objects.count() <= 500
    assert CallcenterCase.objects.count() > 0
    assert CitizenRecord.objects.filter(first_name__regex=r"^[א-ת]").exists()
    assert CitizenRecord.objects.filter(first_name__regex=r"^[A-Za-z]").exists()
    assert ApiClient(operator).get("/citizens/next").status_code == 200


def test_the_demo_operator_reads_the_citizens_the_demo_says_they_called():
    load_demo(rng=random.Random(2026), stdout=StringIO())
    operator = User.objects.get(email=OPERATOR_EMAIL)
    called = CitizenRecord.objects.filter(last_updated_by=operator, is_answered_the_call=True).first()

    assert called is not None
    assert ApiClient(operator).get(f"/citizens/{called.pk}").status_code == 200


def test_running_the_demo_again_adds_nothing():
    load_demo(rng=random.Random(1), stdout=StringIO())
    counts = (User.objects.count(), CitizenRecord.objects.count(), CallcenterCase.objects.count())
    out = StringIO()

    load_demo(rng=random.Random(2), stdout=out)

    assert (User.objects.count(), CitizenRecord.objects.count(), CallcenterCase.objects.count()) == counts
    assert "nothing added" in out.getvalue()
