"""Signing in, bearer tokens, revocation, login throttling and roles as data."""

import re
import time
import uuid
from datetime import datetime, timedelta
from types import SimpleNamespace

import jwt
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from casework.accounts import services
from casework.accounts.models import Role, User
from casework.accounts.tokens import issue_token
from casework.config.api import api
from tests.accounts.factories import PASSWORD, UserFactory


def _protected_endpoints() -> list[tuple[str, str]]:
    """Every operation in the API's schema except the two steps of login, as (method, path template)."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    return [
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if (method, path) not in {("post", "/api/auth/login"), ("post", "/api/auth/login/mfa")}
    ]


def _url(path_template: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path_template)


PROTECTED_ENDPOINTS = _protected_endpoints()


def _claims(user: User, **overrides) -> dict:
    """The claims of a token the server would issue the user now, with some replaced."""
    claims = jwt.decode(issue_token(user).token, options={"verify_signature": False})
    claims.update(overrides)
    return claims


def _bad_tokens(user: User) -> dict[str, str]:
    now = int(time.time())
    return {
        "garbage": "not-a-jwt",
        "expired": jwt.encode(_claims(user, iat=now - 7200, exp=now - 3600), settings.SECRET_KEY, "HS256"),
        "alg none": jwt.encode(_claims(user), None, algorithm="none"),
        "other key": jwt.encode(_claims(user), "a-different-secret-key-of-enough-length", "HS256"),
        "other issuer": jwt.encode(_claims(user, iss="someone-else"), settings.SECRET_KEY, "HS256"),
        "unknown user": jwt.encode(_claims(user, sub=str(uuid.uuid4())), settings.SECRET_KEY, "HS256"),
    }


def _login(client, email: str, password: str = PASSWORD, **extra):
    return client.post(
        "/api/auth/login", {"email": email, "password": password}, content_type="application/json", **extra
    )


def _assert_not_authenticated(response) -> None:
    assert response.status_code == 401, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_authenticated"


@pytest.fixture
def pinned_rate_limit_clock(monkeypatch):
    """Keep every attempt in one rate-limit window, so a test never straddles a window boundary."""
    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_700_000_000.0))


# Signing in


def test_signing_in_returns_a_bearer_token_and_the_user(client, caseworker):
    response = _login(client, caseworker.email)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["token"]
    assert body["expires_at"]
    assert body["user"] == {
        "id": str(caseworker.pk),
        "email": "cass.worker@example.org",
        "first_name": "Cass",
        "last_name": "Worker",
        "role": "caseworker",
    }


def test_the_email_is_matched_case_insensitively(client, caseworker):
    assert _login(client, "  Cass.Worker@Example.ORG ").status_code == 200


def test_the_token_from_login_opens_the_me_endpoint(client, manager):
    token = _login(client, manager.email).json()["token"]

    response = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.json()["email"] == "max.manager@example.org"
    assert response.json()["role"] == "manager"


def test_a_token_lives_eight_hours_by_default(client, viewer):
    before = timezone.now()

    body = _login(client, viewer.email).json()

    expires_at = datetime.fromisoformat(body["expires_at"])
    assert abs(expires_at - (before + timedelta(hours=8))) < timedelta(minutes=1)
    claims = jwt.decode(body["token"], settings.SECRET_KEY, algorithms=["HS256"], issuer=settings.JWT_ISSUER)
    assert claims["exp"] == int(expires_at.timestamp())


def test_wrong_password_unknown_email_and_inactive_user_get_the_same_answer(client, caseworker):
    UserFactory(email="gone@example.org", is_active=False)

    answers = [
        _login(client, caseworker.email, "wrong-password-entirely"),
        _login(client, "nobody@example.org"),
        _login(client, "gone@example.org"),
    ]

    assert [r.status_code for r in answers] == [401, 401, 401]
    assert answers[0].json()["code"] == "invalid_credentials"
    assert answers[0].json() == answers[1].json() == answers[2].json()


def test_a_login_without_a_password_is_a_validation_error(client):
    response = client.post("/api/auth/login", {"email": "a@example.org"}, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["field"] == "password"


@pytest.mark.real_password_hashing
def test_passwords_are_stored_with_argon2(caseworker):
    user = services.create_user(
        email="new.hire@example.org", password="a-long-enough-passphrase", role="viewer"
    )

    assert user.password.startswith("argon2")
    assert caseworker.password.startswith("argon2")


# Every other endpoint needs a valid token


def test_a_hand_made_token_with_the_server_key_is_accepted(client, caseworker):
    # The control for the bad tokens below: each differs from this one in a single respect.
    token = jwt.encode(_claims(caseworker), settings.SECRET_KEY, "HS256")

    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize(("method", "path"), PROTECTED_ENDPOINTS)
def test_every_endpoint_but_login_refuses_a_request_without_a_token(db, client, method, path):
    _assert_not_authenticated(getattr(client, method)(_url(path)))


@pytest.mark.parametrize(("method", "path"), PROTECTED_ENDPOINTS)
def test_every_endpoint_but_login_refuses_forged_expired_and_unsigned_tokens(
    client, caseworker, method, path
):
    for kind, token in _bad_tokens(caseworker).items():
        response = getattr(client, method)(_url(path), headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, kind
        assert response.json()["code"] == "not_authenticated", kind


def test_the_protected_endpoint_list_covers_the_whole_api():
    paths = {path for _, path in PROTECTED_ENDPOINTS}

    assert "/api/auth/me" in paths
    assert "/api/contacts" in paths
    assert "/api/cases" in paths


def test_a_token_without_the_bearer_scheme_is_refused(client, caseworker, api_as):
    token = api_as(caseworker).token

    _assert_not_authenticated(client.get("/api/auth/me", headers={"Authorization": token}))
    _assert_not_authenticated(client.get("/api/auth/me", headers={"Authorization": f"Basic {token}"}))


# Revocation


def test_deactivating_a_user_revokes_their_tokens_at_once(api_as, caseworker, admin):
    api = api_as(caseworker)
    assert api.get("/auth/me").status_code == 200

    services.deactivate_user(caseworker, actor=admin)

    _assert_not_authenticated(api.get("/auth/me"))
    _assert_not_authenticated(api.get("/contacts"))


def test_reactivating_a_user_does_not_revive_their_old_tokens(api_as, caseworker):
    api = api_as(caseworker)
    services.deactivate_user(caseworker)

    User.objects.filter(pk=caseworker.pk).update(is_active=True)

    _assert_not_authenticated(api.get("/auth/me"))
    assert api_as(User.objects.get(pk=caseworker.pk)).get("/auth/me").status_code == 200


def test_changing_the_password_revokes_old_tokens(client, api_as, caseworker):
    api = api_as(caseworker)

    services.change_password(caseworker, new_password="an-entirely-new-passphrase")

    _assert_not_authenticated(api.get("/auth/me"))
    assert _login(client, caseworker.email).status_code == 401
    assert _login(client, caseworker.email, "an-entirely-new-passphrase").status_code == 200


# Login throttling


@override_settings(LOGIN_RATE_PER_ACCOUNT="3/m")
def test_an_account_is_locked_for_a_while_after_too_many_attempts(
    client, caseworker, pinned_rate_limit_clock
):
    answers = [_login(client, caseworker.email, "wrong-password-entirely").status_code for _ in range(3)]
    assert answers == [401, 401, 401]

    response = _login(client, caseworker.email)

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


@override_settings(LOGIN_RATE_PER_ACCOUNT="3/m")
def test_the_account_limit_counts_attempts_from_every_address(client, caseworker, pinned_rate_limit_clock):
    for n in range(3):
        _login(client, caseworker.email, "wrong-password-entirely", REMOTE_ADDR=f"10.0.0.{n}")

    assert _login(client, caseworker.email, REMOTE_ADDR="10.0.0.99").status_code == 429


@override_settings(LOGIN_RATE_PER_ACCOUNT="3/m")
def test_the_account_limit_does_not_lock_out_other_accounts(
    client, caseworker, manager, pinned_rate_limit_clock
):
    for _ in range(4):
        _login(client, caseworker.email, "wrong-password-entirely")

    assert _login(client, manager.email).status_code == 200


@override_settings(LOGIN_RATE_PER_IP="3/m")
def test_an_address_is_locked_for_a_while_after_too_many_attempts(
    client, caseworker, pinned_rate_limit_clock
):
    answers = [
        _login(client, f"guess{n}@example.org", REMOTE_ADDR="203.0.113.7").status_code for n in range(3)
    ]
    assert answers == [401, 401, 401]

    response = _login(client, caseworker.email, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert _login(client, caseworker.email, REMOTE_ADDR="198.51.100.1").status_code == 200


@override_settings(LOGIN_RATE_PER_ACCOUNT="3/m")
def test_sign_in_attempts_on_the_web_and_the_api_count_together(client, caseworker, pinned_rate_limit_clock):
    for _ in range(2):
        client.post(
            reverse("web:login"), {"username": caseworker.email, "password": "wrong-password-entirely"}
        )
    _login(client, caseworker.email, "wrong-password-entirely")

    assert _login(client, caseworker.email).status_code == 429
    response = client.post(reverse("web:login"), {"username": caseworker.email, "password": PASSWORD})
    assert "Too many sign-in attempts" in response.content.decode()


# Roles are data


def test_a_viewer_cannot_create_a_contact(api_as, viewer):
    response = api_as(viewer).post("/contacts", {"first_name": "Ann", "last_name": "Example"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "permission_denied"


def test_granting_the_viewer_role_a_permission_lets_viewers_use_it(api_as, viewer):
    role = Role.objects.get(pk="viewer")
    role.permissions = [*role.permissions, "contacts.create"]
    role.save()

    response = api_as(viewer).post("/contacts", {"first_name": "Ann", "last_name": "Example"})

    assert response.status_code == 201, response.content


def test_taking_a_permission_from_a_role_takes_it_from_its_users_at_once(api_as, caseworker):
    api = api_as(caseworker)
    Role.objects.filter(pk="caseworker").update(permissions=["contacts.view"])

    assert api.post("/contacts", {"first_name": "Ann", "last_name": "Example"}).status_code == 403
    assert api.get("/contacts").status_code == 200
