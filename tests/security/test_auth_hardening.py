"""Auth hardening beyond tests/accounts/test_auth.py (which covers missing, forged, expired, `alg: none`, wrongly keyed
and wrong-issuer tokens, revocation, rate limits and the identical refusal): algorithm confusion, login timing,
the password policy."""

import base64
import json

import jwt
import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client

from casework.accounts import services
from casework.accounts.tokens import issue_token
from casework.core.errors import ValidationFailed
from tests.accounts.factories import PASSWORD, UserFactory


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


@pytest.mark.real_password_hashing
def test_unknown_email_and_wrong_password_each_cost_one_argon2_hash(db, settings, monkeypatch):
    # An unknown email must cost a password hash too, or its faster answer tells which accounts exist. Counted,
    # not timed: both refusals run the production hasher exactly once, so they cost the same whatever the
    # machine is doing.
    settings.LOGIN_RATE_PER_ACCOUNT = "1000/5m"
    settings.LOGIN_RATE_PER_IP = "1000/5m"
    known = UserFactory(email="timed@example.org")
    hashed: list[str] = []
    real_encode, real_verify = Argon2PasswordHasher.encode, Argon2PasswordHasher.verify

    def encode(self, password, salt):
        hashed.append("encode")
        return real_encode(self, password, salt)

    def verify(self, password, encoded):
        hashed.append("verify")
        return real_verify(self, password, encoded)

    monkeypatch.setattr(Argon2PasswordHasher, "encode", encode)
    monkeypatch.setattr(Argon2PasswordHasher, "verify", verify)
    client = Client()

    def refused_hashes(email: str, password: str) -> list[str]:
        hashed.clear()
        response = client.post(
            "/api/auth/login", {"email": email, "password": password}, content_type="application/json"
        )
        assert response.status_code == 401
        return list(hashed)

    assert refused_hashes("nobody@example.org", PASSWORD) == ["encode"]
    assert refused_hashes(known.email, "wrong-password") == ["verify"]


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
