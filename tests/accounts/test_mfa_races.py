"""Two sign-ins sending the same code at the same moment: the database lets exactly one of them use it."""

import pytest
from django.test import RequestFactory
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from casework.accounts.mfa import services as mfa
from casework.core.errors import DomainError
from tests.accounts.factories import UserFactory, totp_code, totp_device
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def _try(user, code: str) -> str:
    request = RequestFactory().post("/api/auth/login/mfa", REMOTE_ADDR="192.0.2.10")
    try:
        return mfa.verify_code(request, user, code=code)
    except DomainError as exc:
        return exc.code


def test_one_totp_code_sent_four_times_at_once_signs_in_once():
    user = UserFactory(role_id="caseworker")
    code = totp_code(totp_device(user))

    results = sorted(run_at_once(4, lambda _i: _try(user, code)))

    assert results == ["invalid_mfa_code", "invalid_mfa_code", "invalid_mfa_code", "totp"]


def test_one_recovery_code_sent_four_times_at_once_signs_in_once():
    user = UserFactory(role_id="caseworker")
    totp_device(user)
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token=mfa.hashed_recovery_code("abcd2345"))

    results = sorted(run_at_once(4, lambda _i: _try(user, "abcd2345")))

    assert results == ["invalid_mfa_code", "invalid_mfa_code", "invalid_mfa_code", "recovery_code"]
