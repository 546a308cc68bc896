"""Single sign-on and Casework's second factor: a provider sign-in whose `amr` names a second factor counts as the
organisation's strong sign-in; any other asks for Casework's own code (or its set-up) where the role requires it,
as after a password."""

import pytest
from django.test import Client, override_settings

from tests.accounts.factories import UserFactory, totp_code, totp_device
from tests.oidc_provider import harness
from tests.oidc_provider.harness import code_flow

oidc_provider, sso = harness.oidc_provider, harness.sso  # the provider's fixtures

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("sso"),
]
ENFORCED = override_settings(MFA_DEMO_BYPASS=False, MFA_REQUIRED_ROLES=frozenset({"caseworker", "admin"}))


@ENFORCED
def test_a_provider_sign_in_with_a_second_factor_needs_no_casework_code(sso):
    boss = UserFactory(email="boss@example.org", role_id="caseworker")
    totp_device(boss)
    client = Client()
    client.get(code_flow(client, sso, "boss"))  # the provider's amr says "mfa"

    answer = client.get("/cases/")

    assert answer.status_code == 200
    assert answer.wsgi_request.user == boss


@ENFORCED
def test_a_provider_sign_in_with_a_password_only_asks_for_the_casework_code_before_signing_in(sso):
    ada = UserFactory(email="ada.sso@example.org", role_id="caseworker")
    device = totp_device(ada)
    client = Client()

    answer = client.get(code_flow(client, sso, "ada", next_url="/cases/"))

    assert answer["Location"] == "/signin/code/"
    assert client.get("/cases/")["Location"].startswith("/signin/")  # not signed in yet
    answer = client.post("/signin/code/", {"code": totp_code(device, steps_ahead=1)})
    assert answer["Location"] == "/cases/"
    assert client.get("/cases/").wsgi_request.user == ada


@ENFORCED
def test_a_provider_sign_in_with_a_password_only_sends_a_role_that_requires_a_second_factor_to_set_one_up(
    sso,
):
    UserFactory(email="ada.sso@example.org", role_id="caseworker")
    client = Client()
    client.get(code_flow(client, sso, "ada"))
    assert client.get("/cases/")["Location"] == "/account/second-factor/"
