"""The second factor through the API: a login in two steps, setting up an authenticator app, recovery codes,
single use, the throttle, enforcement by role and an administrator's reset."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.core import signing
from django.test import override_settings

from casework.accounts.mfa import services as mfa
from casework.accounts.models import User
from casework.accounts.tokens import issue_token
from casework.audit.models import AuditEvent
from casework.config.api import api
from tests.accounts.factories import PASSWORD, UserFactory, totp_code, totp_device
from tests.accounts.test_auth import pinned_rate_limit_clock  # noqa: F401 (a fixture)

ENFORCED = override_settings(MFA_DEMO_BYPASS=False, MFA_REQUIRED_ROLES=frozenset({"admin"}))


def _post(client, path: str, body: dict, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(path, body, content_type="application/json", headers=headers)


def _login(client, user: User, password: str = PASSWORD):
    return _post(client, "/api/auth/login", {"email": user.email, "password": password})


def _get(client, path: str, token: str):
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


def _amr(token: str) -> list[str]:
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"], issuer=settings.JWT_ISSUER)["amr"]


# Users without a second factor: the login as it always was


def test_a_user_without_a_second_factor_gets_the_token_at_once_marked_password_only(client, caseworker):
    response = _login(client, caseworker)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["amr"] == ["pwd"]
    assert body["mfa_enrolment_required"] is False
    assert _amr(body["token"]) == ["pwd"]
    assert _get(client, "/api/cases", body["token"]).status_code == 200


# The login in two steps


def test_a_user_with_an_authenticator_gets_a_challenge_then_a_token_for_the_code(client, caseworker):
    device = totp_device(caseworker)

    first = _login(client, caseworker)

    assert first.status_code == 202
    assert first.json()["mfa_required"] is True
    assert first.json()["methods"] == ["totp", "recovery_code"]
    assert "token" not in first.json()
    second = _post(
        client, "/api/auth/login/mfa", {"challenge": first.json()["challenge"], "code": totp_code(device)}
    )
    assert second.status_code == 200, second.content
    token = second.json()["token"]
    assert second.json()["amr"] == ["pwd", "otp", "mfa"]
    assert _amr(token) == ["pwd", "otp", "mfa"]
    assert _get(client, "/api/auth/me", token).json()["email"] == caseworker.email


def test_a_wrong_password_gives_no_challenge(client, caseworker):
    totp_device(caseworker)

    response = _login(client, caseworker, "not-the-password-at-all")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_a_wrong_code_is_refused_naming_the_field(client, caseworker):
    device = totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)

    response = _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": wrong})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_mfa_code"
    assert response.json()["field"] == "code"


def test_the_challenge_is_not_a_bearer_token(client, caseworker):
    totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]

    assert _get(client, "/api/auth/me", challenge).status_code == 401


@pytest.mark.parametrize(
    "challenge",
    [
        "garbage",
        signing.dumps({"u": "x", "tv": 1, "ll": ""}, salt="another-salt"),
        signing.dumps(
            {"u": "00000000-0000-0000-0000-000000000000", "tv": 1, "ll": ""}, salt=mfa.CHALLENGE_SALT
        ),
    ],
    # Named: the signed values carry a timestamp, so pytest-xdist's workers would collect different ids.
    ids=["garbage", "another-salt", "unknown-user"],
)
def test_a_forged_or_unknown_challenge_is_refused(client, caseworker, challenge):
    device = totp_device(caseworker)

    response = _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device)})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_mfa_challenge"
    assert response.json()["field"] == "challenge"


def test_an_expired_challenge_is_refused(client, caseworker, settings):
    device = totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]
    settings.MFA_CHALLENGE_LIFETIME = timedelta(seconds=-1)  # any challenge is older than that

    response = _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device)})

    assert response.json()["code"] == "invalid_mfa_challenge"


def test_a_challenge_works_once(client, caseworker):
    device = totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]
    assert (
        _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device)}).status_code
        == 200
    )

    again = _post(
        client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device, steps_ahead=1)}
    )

    assert again.status_code == 401
    assert again.json()["code"] == "invalid_mfa_challenge"


def test_a_challenge_of_a_deactivated_user_is_refused(client, caseworker):
    device = totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]
    User.objects.filter(pk=caseworker.pk).update(is_active=False)

    response = _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device)})

    assert response.json()["code"] == "invalid_mfa_challenge"


# Single use


def test_a_totp_code_works_once_within_its_window(client, caseworker):
    device = totp_device(caseworker)
    code = totp_code(device)
    first = _post(
        client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": code}
    )
    assert first.status_code == 200
    caseworker.refresh_from_db()

    replay = _post(
        client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": code}
    )

    assert replay.status_code == 401
    assert replay.json()["code"] == "invalid_mfa_code"


def test_a_code_older_than_the_last_accepted_one_is_refused(client, caseworker):
    device = totp_device(caseworker)
    newer = totp_code(device, steps_ahead=1)
    older = totp_code(device)
    assert (
        _post(
            client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": newer}
        ).status_code
        == 200
    )
    caseworker.refresh_from_db()

    response = _post(
        client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": older}
    )

    assert response.json()["code"] == "invalid_mfa_code"


def test_a_recovery_code_signs_in_once_and_is_audited(client, caseworker):
    token = issue_token(caseworker).token
    device = mfa.start_totp_enrolment(caseworker)
    codes = _post(client, "/api/auth/mfa/totp/confirm", {"code": totp_code(device)}, token).json()[
        "recovery_codes"
    ]
    caseworker.refresh_from_db()

    first = _post(
        client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": codes[0]}
    )
    caseworker.refresh_from_db()
    replay = _post(
        client, "/api/auth/login/mfa", {"challenge": mfa.issue_challenge(caseworker).token, "code": codes[0]}
    )

    assert first.status_code == 200
    assert first.json()["amr"] == ["pwd", "otp", "mfa"]
    assert replay.status_code == 401
    assert replay.json()["code"] == "invalid_mfa_code"
    event = AuditEvent.objects.get(verb="user.mfa_recovery_code_used")
    assert event.target_id == str(caseworker.pk)
    assert event.data == {"left": 9}


# The throttle


@pytest.mark.usefixtures("pinned_rate_limit_clock")
def test_codes_are_counted_by_the_sign_in_throttle(client, caseworker, settings):
    settings.LOGIN_RATE_PER_ACCOUNT = "3/5m"
    device = totp_device(caseworker)
    challenge = _login(client, caseworker).json()["challenge"]  # attempt 1
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)

    answers = [
        _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": wrong}).status_code  # 2, 3
        for _ in range(2)
    ]
    right = _post(client, "/api/auth/login/mfa", {"challenge": challenge, "code": totp_code(device)})  # 4

    assert answers == [401, 401]
    assert right.status_code == 429
    assert right.json()["code"] == "rate_limited"
    device.refresh_from_db()
    assert device.last_t == -1  # the code was not even tried: still good for the next sign-in


# Setting up an authenticator app


def test_setting_up_an_authenticator_gives_its_secret_then_recovery_codes_and_an_mfa_token(
    client, caseworker
):
    token = issue_token(caseworker).token

    started = _post(client, "/api/auth/mfa/totp", {}, token)
    assert started.status_code == 200
    body = started.json()
    assert body["otpauth_url"].startswith("otpauth://totp/Casework%3A")
    assert f"secret={body['secret']}" in body["otpauth_url"]
    assert (body["digits"], body["period"]) == (6, 30)
    assert (
        _post(client, "/api/auth/mfa/totp", {}, token).json()["secret"] == body["secret"]
    )  # same until confirmed

    device = caseworker.totpdevice_set.get()
    confirmed = _post(client, "/api/auth/mfa/totp/confirm", {"code": totp_code(device)}, token)

    assert confirmed.status_code == 200, confirmed.content
    assert len(confirmed.json()["recovery_codes"]) == 10
    assert len(set(confirmed.json()["recovery_codes"])) == 10
    assert _amr(confirmed.json()["token"]) == ["pwd", "otp", "mfa"]
    assert _get(client, "/api/auth/mfa", token).json() == {
        "enrolled": True,
        "required": False,
        "recovery_codes_left": 10,
    }
    event = AuditEvent.objects.get(verb="user.mfa_enrolled")
    assert (event.actor_id, event.target_id) == (caseworker.pk, str(caseworker.pk))
    assert "recovery_codes" not in str(event.data.get("codes", ""))
    # From now on the password alone gives a challenge, not a token.
    assert _login(client, caseworker).status_code == 202


def test_a_wrong_confirmation_code_leaves_the_second_factor_off(client, caseworker):
    token = issue_token(caseworker).token
    _post(client, "/api/auth/mfa/totp", {}, token)
    device = caseworker.totpdevice_set.get()
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)

    response = _post(client, "/api/auth/mfa/totp/confirm", {"code": wrong}, token)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_mfa_code"
    assert not mfa.has_second_factor(caseworker)
    assert not AuditEvent.objects.filter(verb="user.mfa_enrolled").exists()


def test_confirming_before_starting_is_a_conflict(client, caseworker):
    response = _post(client, "/api/auth/mfa/totp/confirm", {"code": "123456"}, issue_token(caseworker).token)

    assert response.status_code == 409
    assert response.json()["code"] == "mfa_enrolment_not_started"


def test_a_second_authenticator_cannot_replace_the_first_without_a_reset(client, caseworker):
    totp_device(caseworker)

    response = _post(client, "/api/auth/mfa/totp", {}, issue_token(caseworker).token)

    assert response.status_code == 409
    assert response.json()["code"] == "mfa_already_enrolled"


# Enforcement by role


@ENFORCED
def test_an_admin_without_a_second_factor_must_set_one_up_before_anything_else(client, admin):
    login = _login(client, admin)
    assert login.status_code == 200
    assert login.json()["mfa_enrolment_required"] is True
    token = login.json()["token"]

    refused = _get(client, "/api/cases", token)
    assert refused.status_code == 403
    assert refused.json()["code"] == "mfa_enrolment_required"
    assert _get(client, "/api/auth/me", token).status_code == 200
    assert _get(client, "/api/auth/mfa", token).json()["required"] is True

    _post(client, "/api/auth/mfa/totp", {}, token)
    confirmed = _post(
        client, "/api/auth/mfa/totp/confirm", {"code": totp_code(admin.totpdevice_set.get())}, token
    )
    new_token = confirmed.json()["token"]

    assert _get(client, "/api/cases", new_token).status_code == 200
    still_refused = _get(client, "/api/cases", token)  # the password-only token stays refused
    assert still_refused.status_code == 403
    assert still_refused.json()["code"] == "mfa_required"


def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/")
    return [(method, path) for path, ops in schema["paths"].items() for method in ops]


OPEN_BEFORE_SECOND_FACTOR = {
    ("post", "/api/auth/login"),
    ("post", "/api/auth/login/mfa"),
    ("get", "/api/auth/me"),
    ("get", "/api/auth/mfa"),
    ("post", "/api/auth/mfa/totp"),
    ("post", "/api/auth/mfa/totp/confirm"),
}


@ENFORCED
def test_every_other_endpoint_refuses_an_admin_until_the_second_factor_is_set_up(client, admin):
    import re
    import uuid

    token = issue_token(admin).token
    schema = api.get_openapi_schema(path_prefix="/api/")
    wrong = []
    for method, path in _operations():
        if (method, path) in OPEN_BEFORE_SECOND_FACTOR:
            continue
        if 403 not in schema["paths"][path][method]["responses"]:
            wrong.append(f"{method.upper()} {path}: 403 not in the schema")
        url = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
        response = getattr(client, method)(url, headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 403 or response.json().get("code") != "mfa_enrolment_required":
            wrong.append(f"{method.upper()} {path}: {response.status_code}")

    assert not wrong, wrong


@ENFORCED
def test_roles_that_do_not_require_a_second_factor_are_not_asked(client, caseworker):
    assert _get(client, "/api/cases", issue_token(caseworker).token).status_code == 200


@override_settings(MFA_DEMO_BYPASS=False, MFA_REQUIRED_ROLES=frozenset({"admin", "caseworker"}))
def test_the_required_roles_are_configurable(client, caseworker):
    response = _get(client, "/api/cases", issue_token(caseworker).token)

    assert response.status_code == 403
    assert response.json()["code"] == "mfa_enrolment_required"


def test_in_the_demo_an_admin_works_without_a_second_factor(client, admin, settings):
    settings.MFA_DEMO_BYPASS = True

    login = _login(client, admin)

    assert login.status_code == 200
    assert login.json()["mfa_enrolment_required"] is False
    assert _get(client, "/api/cases", login.json()["token"]).status_code == 200


# An administrator's reset


@ENFORCED
def test_an_admin_resets_a_users_second_factor_which_revokes_their_tokens_and_is_audited(
    client, admin, caseworker
):
    device = totp_device(admin)
    admin_token = issue_token(admin, amr=("pwd", "otp", "mfa")).token
    totp_device(caseworker)
    old_token = issue_token(caseworker, amr=("pwd", "otp", "mfa")).token
    assert device

    response = client.delete(
        f"/api/users/{caseworker.pk}/mfa", headers={"Authorization": f"Bearer {admin_token}"}
    )

    assert response.status_code == 204
    assert not mfa.has_second_factor(caseworker)
    assert _get(client, "/api/auth/me", old_token).status_code == 401
    assert _login(client, caseworker).status_code == 200  # the password alone again, until set up anew
    event = AuditEvent.objects.get(verb="user.mfa_reset")
    assert (event.actor_id, event.target_id, event.data) == (
        admin.pk,
        str(caseworker.pk),
        {"had_second_factor": True},
    )


def test_only_admins_reset_a_second_factor(client, manager, caseworker):
    totp_device(caseworker)

    response = client.delete(
        f"/api/users/{caseworker.pk}/mfa", headers={"Authorization": f"Bearer {issue_token(manager).token}"}
    )

    assert response.status_code == 403
    assert mfa.has_second_factor(caseworker)


def test_resetting_an_unknown_user_is_not_found(client, admin):
    response = client.delete(
        "/api/users/00000000-0000-0000-0000-000000000000/mfa",
        headers={"Authorization": f"Bearer {issue_token(admin).token}"},
    )

    assert response.status_code == 404


@ENFORCED
def test_after_a_reset_an_admin_must_set_up_a_second_factor_again(client, admin):
    other_admin = UserFactory(role_id="admin", is_staff=True, is_superuser=True)
    totp_device(admin)
    mfa.reset_second_factor(admin, actor=other_admin)

    login = _login(client, admin)

    assert login.status_code == 200
    assert login.json()["mfa_enrolment_required"] is True
    assert _get(client, "/api/cases", login.json()["token"]).json()["code"] == "mfa_enrolment_required"
