"""Single sign-on against a real OpenID Provider (tests/oidc_provider, django-oauth-toolkit) started by the tests:
the code flow with state, nonce and PKCE, accounts matched by verified email, roles from a claim, and every
refusal landing on the sign-in page with its reason while no one is signed in."""

import logging
import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from casework.accounts.models import User
from casework.accounts.oidc.backend import OIDCBackend, identity_from_claims
from casework.audit.models import AuditEvent
from tests.accounts.factories import UserFactory
from tests.oidc_provider import harness
from tests.oidc_provider.harness import CLIENT_ID, code_flow, start, token_for_another_client

oidc_provider, sso = harness.oidc_provider, harness.sso  # the provider's fixtures

pytestmark = pytest.mark.django_db


def _signed_in_user(client: Client) -> User | None:
    answer = client.get("/")
    if answer.status_code != 200:
        return None
    user = answer.wsgi_request.user
    return user if isinstance(user, User) else None


def _follow_refusal(client: Client, answer) -> str:
    """The sign-in page a refused callback lands on, as text."""
    assert answer.status_code == 302, answer.content
    assert urlsplit(answer["Location"]).path == "/signin/"
    return client.get(answer["Location"]).content.decode()


def test_a_verified_email_signs_in_the_matching_account_case_insensitively_with_its_mapped_role(sso):
    ada = UserFactory(email="ada.sso@example.org", role_id="viewer")
    client = Client()
    callback = code_flow(client, sso, "ada", next_url="/cases/")

    answer = client.get(callback)

    assert answer.status_code == 302
    assert answer["Location"] == "/cases/"
    assert _signed_in_user(client) == ada
    ada.refresh_from_db()
    assert ada.role_id == "caseworker"  # the provider says "staff"
    event = AuditEvent.objects.get(verb="user.signed_in", target_id=str(ada.pk))
    assert event.data["method"] == "oidc"
    assert AuditEvent.objects.filter(verb="user.role_changed", target_id=str(ada.pk)).exists()


def test_the_sign_in_request_carries_pkce_state_and_nonce(sso):
    client = Client()
    params = parse_qs(urlsplit(start(client)).query)
    assert params["code_challenge_method"] == ["S256"]
    assert params["client_id"] == [CLIENT_ID]
    assert len(params["state"][0]) >= 32 and len(params["nonce"][0]) >= 32
    stored = client.session["oidc_states"][params["state"][0]]
    assert stored["nonce"] == params["nonce"][0] and len(stored["code_verifier"]) >= 43


def test_the_session_key_changes_when_the_sign_in_completes(sso):
    UserFactory(email="ada.sso@example.org")
    client = Client()
    callback = code_flow(client, sso, "ada")
    before = client.session.session_key
    client.get(callback)
    assert client.session.session_key != before
    assert _signed_in_user(client) is not None


def test_a_replayed_callback_is_refused_and_signs_no_one_in(sso):
    UserFactory(email="ada.sso@example.org")
    client = Client()
    callback = code_flow(client, sso, "ada")
    assert client.get(callback).status_code == 302
    client.post("/signout/")

    page = _follow_refusal(client, client.get(callback))

    assert "could not be completed or was already used" in page
    assert _signed_in_user(client) is None


def test_a_callback_with_a_state_this_browser_never_started_is_refused(sso):
    UserFactory(email="ada.sso@example.org")
    callback = code_flow(Client(), sso, "ada")  # started in another browser
    client = Client()
    start(client)  # this browser has a sign-in of its own under way

    page = _follow_refusal(client, client.get(callback))

    assert "could not be completed" in page
    assert _signed_in_user(client) is None


def test_an_unknown_user_is_refused_when_accounts_are_not_created(sso):
    client = Client()
    page = _follow_refusal(client, client.get(code_flow(client, sso, "newcomer")))
    assert "There is no Casework account for newcomer@example.org" in page
    assert _signed_in_user(client) is None
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_an_unknown_user_is_created_with_the_mapped_role_when_allowed(sso, settings):
    settings.OIDC_CREATE_USERS = True
    client = Client()
    client.get(code_flow(client, sso, "newcomer"))

    user = User.objects.get(email="newcomer@example.org")
    assert _signed_in_user(client) == user
    assert (user.role_id, user.is_staff, user.first_name) == ("admin", True, "Nia")  # "admins" maps to admin
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(verb="user.created", target_id=str(user.pk), data__via="oidc").exists()


def test_an_email_the_provider_has_not_verified_is_refused_even_for_an_existing_account(sso):
    una = UserFactory(email="una@example.org")
    client = Client()
    page = _follow_refusal(client, client.get(code_flow(client, sso, "una")))
    assert "did not confirm your email address" in page
    assert _signed_in_user(client) is None
    refusal = AuditEvent.objects.get(verb="user.oidc_refused", target_id=str(una.pk))
    assert refusal.data == {"reason": "email_not_verified"}


def test_a_deactivated_user_is_refused_and_the_refusal_is_audited(sso):
    ada = UserFactory(email="ada.sso@example.org", is_active=False)
    client = Client()
    page = _follow_refusal(client, client.get(code_flow(client, sso, "ada")))
    assert "This account is deactivated" in page
    assert _signed_in_user(client) is None
    assert AuditEvent.objects.get(verb="user.oidc_refused", target_id=str(ada.pk)).data == {
        "reason": "deactivated"
    }


def test_an_admin_whose_role_claim_no_longer_maps_to_a_role_gets_the_default_role(sso, settings):
    settings.OIDC_ROLE_MAP = [("admins", "admin")]  # "staff" maps to nothing any more
    ada = UserFactory(email="ada.sso@example.org", role_id="admin", is_staff=True, is_superuser=True)
    client = Client()
    client.get(code_flow(client, sso, "ada"))
    ada.refresh_from_db()
    assert (ada.role_id, ada.is_staff, ada.is_superuser) == ("viewer", False, False)


def test_without_a_role_claim_configured_the_role_is_left_as_it_is(sso, settings):
    settings.OIDC_ROLE_CLAIM = ""
    ada = UserFactory(email="ada.sso@example.org", role_id="manager")
    client = Client()
    client.get(code_flow(client, sso, "ada"))
    ada.refresh_from_db()
    assert _signed_in_user(client) == ada
    assert ada.role_id == "manager"


def test_an_expired_id_token_from_the_provider_is_refused(sso, caplog):
    UserFactory(email="late@example.org")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="casework.web.oidc.views"):
        page = _follow_refusal(client, client.get(code_flow(client, sso, "late")))
    assert "ExpiredSignatureError" in caplog.text
    assert "could not be completed" in page
    assert _signed_in_user(client) is None


def _callback_with_token_answer(client: Client, provider, token_answer_for) -> str:
    """Start a sign-in and call the callback with the token endpoint's answer replaced by
    `token_answer_for(nonce)`; the sign-in page's text."""
    params = parse_qs(urlsplit(start(client)).query)
    state, nonce = params["state"][0], params["nonce"][0]
    with mock.patch.object(OIDCBackend, "get_token", return_value=token_answer_for(nonce)):
        answer = client.get("/oidc/callback/", {"state": state, "code": "any"})
    return _follow_refusal(client, answer)


def test_an_id_token_issued_for_another_client_is_refused(sso, caplog):
    UserFactory(email="ada.sso@example.org")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="casework.web.oidc.views"):
        page = _callback_with_token_answer(
            client, sso, lambda nonce: token_for_another_client(sso, "ada", nonce=nonce)
        )
    assert "InvalidAudienceError" in caplog.text
    assert "could not be completed" in page
    assert _signed_in_user(client) is None


def _forged(provider, nonce: str, *, key) -> dict:
    kid = requests.get(f"{provider.issuer}/.well-known/jwks.json", timeout=10).json()["keys"][0]["kid"]
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "aud": CLIENT_ID,
        "sub": "1",
        "nonce": nonce,
        "iat": now,
        "exp": now + 300,
        "email": "ada.sso@example.org",
        "email_verified": True,
    }
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
    return {"id_token": token, "access_token": "forged"}


def test_an_id_token_signed_with_another_key_is_refused(sso, caplog):
    UserFactory(email="ada.sso@example.org")
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    client = Client()
    with caplog.at_level(logging.WARNING, logger="casework.web.oidc.views"):
        page = _callback_with_token_answer(client, sso, lambda nonce: _forged(sso, nonce, key=other_key))
    assert "JWS token verification failed" in caplog.text
    assert "could not be completed" in page
    assert _signed_in_user(client) is None


def test_an_unreachable_provider_leaves_the_password_sign_in_working(sso, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/o"  # the discard port: nothing answers
    client = Client()
    answer = client.get("/oidc/authenticate/")
    page = _follow_refusal(client, answer)
    assert "Single sign-on is not available right now" in page
    assert 'name="password"' in page


def test_the_sign_in_page_offers_the_provider_only_when_configured(sso, settings):
    assert "Sign in with Test Provider" in Client().get("/signin/").content.decode()
    settings.OIDC_ISSUER = ""
    assert "Sign in with" not in Client().get("/signin/").content.decode()
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/", {"state": "x", "code": "y"}).status_code == 404


@pytest.mark.parametrize(
    ("claims", "verified"),
    [
        ({"email_verified": True}, True),
        ({"email_verified": "true"}, True),
        ({"email_verified": False}, False),
        ({"email_verified": 1}, False),
        ({"email_verified": "yes"}, False),
        ({}, False),
    ],
    ids=["true", "string-true", "false", "one", "yes", "absent"],
)
def test_only_a_true_email_verified_claim_counts_as_verified(claims, verified):
    assert identity_from_claims({"email": "a@example.org", **claims}, amr=None).email_verified is verified


def test_the_verified_email_claim_can_be_another_claim(settings):
    settings.OIDC_EMAIL_VERIFIED_CLAIM = "xms_edov"  # Entra ID's optional claim
    assert identity_from_claims({"email": "a@example.org", "xms_edov": True}, amr=None).email_verified
    assert not identity_from_claims(
        {"email": "a@example.org", "email_verified": True}, amr=None
    ).email_verified


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Der findes ingen Casework-konto for newcomer@example.org"),
        ("he", "אין חשבון Casework עבור newcomer@example.org"),
    ],
    ids=["danish", "hebrew"],
)
def test_a_refusal_is_told_in_the_readers_language(sso, language, text):
    client = Client(headers={"accept-language": language})
    callback = code_flow(client, sso, "newcomer")
    page = _follow_refusal(client, client.get(callback))
    assert text in page


def test_a_stray_callback_does_not_sign_out_a_signed_in_user(sso):
    ada = UserFactory(email="ada.sso@example.org")
    client = Client()
    client.force_login(ada)
    _follow_refusal(client, client.get("/oidc/callback/", {"state": "forged", "code": "forged"}))
    assert _signed_in_user(client) == ada
