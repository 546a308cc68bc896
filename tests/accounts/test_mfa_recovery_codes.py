"""Recovery codes are kept only as a keyed hash: the database never holds a code that signs in, the codes shown
once still work (once), a rotated secret key keeps them working, and the migration hashes codes stored before."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.test import RequestFactory
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from casework.accounts.mfa import services as mfa
from casework.core.errors import DomainError
from tests.accounts.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db


def _request():
    return RequestFactory().post("/api/auth/login/mfa", REMOTE_ADDR="192.0.2.20")


def _enrolled(user) -> list[str]:
    device = mfa.start_totp_enrolment(user)
    return mfa.confirm_totp_enrolment(_request(), user, code=totp_code(device)).recovery_codes


def _uses(user, code: str) -> str:
    try:
        return mfa.verify_code(_request(), user, code=code)
    except DomainError as exc:
        return exc.code


def test_the_database_holds_no_recovery_code_only_keyed_hashes():
    user = UserFactory(role_id="caseworker")

    codes = _enrolled(user)

    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == len(stored) == 10
    assert stored.isdisjoint(codes)
    assert stored == {mfa.hashed_recovery_code(code) for code in codes}


def test_a_stored_hash_does_not_sign_in_but_the_code_does_once():
    user = UserFactory(role_id="caseworker")
    codes = _enrolled(user)
    stored = StaticToken.objects.filter(device__user=user).values_list("token", flat=True).first()

    assert _uses(user, stored) == "invalid_mfa_code"
    assert _uses(user, codes[3].upper()) == "recovery_code"
    assert _uses(user, codes[3]) == "invalid_mfa_code"
    assert mfa.status(user)["recovery_codes_left"] == 9


def test_codes_made_under_a_rotated_secret_key_keep_working(settings):
    user = UserFactory(role_id="caseworker")
    codes = _enrolled(user)
    old_key = settings.SECRET_KEY

    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old_key]

    assert _uses(user, codes[0]) == "recovery_code"


def test_the_migration_hashes_codes_stored_in_plain_text_and_leaves_hashed_ones():
    user = UserFactory(role_id="caseworker")
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    already = mfa.hashed_recovery_code("wxyz6789")
    StaticToken.objects.create(device=static, token=already)
    migration = importlib.import_module("casework.accounts.migrations.0004_hash_recovery_codes")

    migration.hash_plain_codes(django_apps, None)

    stored = set(StaticToken.objects.filter(device=static).values_list("token", flat=True))
    assert stored == {mfa.hashed_recovery_code("abcd2345"), already}
    assert _uses(user, "abcd2345") == "recovery_code"
    assert _uses(user, "wxyz6789") == "recovery_code"
