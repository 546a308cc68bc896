"""Every sign-in leaves an audit event, whichever way it comes: the web form, the API's password step, the API's
second step; a password refused for an existing account leaves one too (#15)."""

import pytest
from django.urls import reverse

from casework.audit.models import AuditEvent
from tests.accounts.factories import PASSWORD, totp_code, totp_device

pytestmark = pytest.mark.django_db


def _events(user, verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb, target_id=str(user.pk)).order_by("created_at", "id"))


def _api_login(client, user, password: str = PASSWORD):
    return client.post(
        "/api/auth/login", {"email": user.email, "password": password}, content_type="application/json"
    )


def test_a_web_sign_in_with_a_password_is_audited(client, caseworker):
    response = client.post(reverse("web:login"), {"username": caseworker.email, "password": PASSWORD})

    assert response.status_code == 302
    [event] = _events(caseworker, "user.signed_in")
    assert event.actor_id == caseworker.pk
    assert event.data == {"method": "password", "via": "web", "second_factor": False}


def test_a_web_sign_in_with_the_code_is_audited_once_the_code_is_accepted(client, caseworker):
    device = totp_device(caseworker)

    client.post(reverse("web:login"), {"username": caseworker.email, "password": PASSWORD})
    assert _events(caseworker, "user.signed_in") == []  # the password alone does not sign in
    client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})

    [event] = _events(caseworker, "user.signed_in")
    assert event.data == {"method": "password", "via": "web", "second_factor": True}


def test_an_api_sign_in_is_audited_with_its_second_factor(client, caseworker, manager):
    assert _api_login(client, caseworker).status_code == 200
    device = totp_device(manager)
    challenge = _api_login(client, manager).json()["challenge"]
    assert _events(manager, "user.signed_in") == []
    second = client.post(
        "/api/auth/login/mfa",
        {"challenge": challenge, "code": totp_code(device)},
        content_type="application/json",
    )
    assert second.status_code == 200

    [password_only] = _events(caseworker, "user.signed_in")
    assert password_only.data == {"method": "password", "via": "api", "second_factor": False}
    [with_code] = _events(manager, "user.signed_in")
    assert with_code.data == {"method": "password", "via": "api", "second_factor": True}


def test_a_refused_password_is_audited_for_the_account_and_an_unknown_address_is_not(client, caseworker):
    assert _api_login(client, caseworker, "not-the-password").status_code == 401
    client.post(reverse("web:login"), {"username": caseworker.email.upper(), "password": "nor-this-one"})
    response = client.post(
        "/api/auth/login",
        {"email": "nobody@example.org", "password": "whatever-it-is"},
        content_type="application/json",
    )

    assert response.status_code == 401
    refused = _events(caseworker, "user.sign_in_refused")
    assert [event.data for event in refused] == [{"reason": "password"}] * 2
    assert all(event.actor_id is None for event in refused)
    assert _events(caseworker, "user.signed_in") == []
    assert (
        not AuditEvent.objects.filter(verb="user.sign_in_refused")
        .exclude(target_id=str(caseworker.pk))
        .exists()
    )
