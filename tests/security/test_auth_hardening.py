"""Auth hardening beyond tests/test_auth.py (which covers missing, forged, expired, `alg: none`, wrongly keyed
and wrong-issuer tokens, revocation, rate limits and the identical refusal): algorithm confusion, login timing,
the password policy."""

import base64
import json
import statistics
import time

import jwt
import pytest
from django.conf import settings
from django.test import Client

from casework.accounts import services
from casework.accounts.tokens import issue_token
from casework.core.errors import ValidationFailed
from tests.factories import PASSWORD, UserFactory


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(user) -> dict:
    return jwt.decode(issue_token(user).token, options={"verify_signature": False})


def _me(token: str):
    return Client().get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def user(db):
    return UserFactory(email="hard.ened@example.org", role_id="viewer")


def test_a_token_claiming_rs256_is_refused(user):
    # An RS256 token (here with a made-up signature: the server holds no RSA key) must not be verified with the
    # HMAC secret, nor accepted unverified.
    header = _b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(_claims(user)).encode())
    token = f"{header}.{payload}.{_b64(b'x' * 256)}"

    assert _me(token).status_code == 401


def test_a_token_signed_with_the_server_secret_under_another_hmac_algorithm_is_refused(user):
    token = jwt.encode(_claims(user), settings.SECRET_KEY, algorithm="HS512")

    assert _me(token).status_code == 401


def test_an_rs256_header_over_an_hmac_signature_made_with_the_secret_is_refused(user):
    # The classic confusion: sign with HMAC using a key the server knows, but label the token RS256.
    import hashlib
    import hmac

    header = _b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(_claims(user)).encode())
    signature = hmac.new(
        settings.SECRET_KEY.encode(), f"{header}.{payload}".encode(), hashlib.sha256
    ).digest()

    assert _me(f"{header}.{payload}.{_b64(signature)}").status_code == 401


def test_unknown_email_and_wrong_password_take_similar_time(db, settings):
    # With the real (Argon2) hasher: an unknown email must cost a password hash too. Medians of ten each,
    # compared as a ratio so a slow machine does not matter.
    settings.LOGIN_RATE_PER_ACCOUNT = "1000/5m"
    settings.LOGIN_RATE_PER_IP = "1000/5m"
    known = UserFactory(email="timed@example.org")
    client = Client()

    def login(email: str, password: str) -> float:
        started = time.perf_counter()
        response = client.post(
            "/api/auth/login", {"email": email, "password": password}, content_type="application/json"
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 401
        return elapsed

    login("warm@example.org", "x")  # first call loads the hasher
    unknown, wrong = [], []
    for i in range(10):
        unknown.append(login(f"nobody{i}@example.org", PASSWORD))
        wrong.append(login(known.email, f"wrong-password-{i}"))

    ratio = statistics.median(unknown) / statistics.median(wrong)
    assert 0.5 <= ratio <= 2.0, (ratio, unknown, wrong)


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short1!", "too short (minimum 10)"),
        ("password1234", "a common password"),
        ("12345678901234", "entirely numeric"),
        ("hard.ened@example.org", "the user's own email"),
    ],
)
def test_the_password_policy_refuses_weak_passwords(user, password, why):
    with pytest.raises(ValidationFailed) as refused:
        services.change_password(user, new_password=password)
    assert refused.value.field == "password", why
    with pytest.raises(ValidationFailed):
        services.create_user(email="new.person@example.org", password=password, role="viewer")


def test_a_long_uncommon_password_is_accepted(user):
    services.change_password(user, new_password="violet-harbour-lantern-42")
    user.refresh_from_db()
    assert user.check_password("violet-harbour-lantern-42")
