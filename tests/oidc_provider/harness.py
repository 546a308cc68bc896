"""Fixtures and helpers of the single sign-on tests: the test OpenID Provider as a subprocess (one per test
process, killed at the end), Casework configured to use it, and the code flow driven without a browser."""

import base64
import hashlib
import json
import os
import secrets
import selectors
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from casework.accounts.oidc import discovery

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "casework"
CLIENT_SECRET = "casework-test-client-secret"
OTHER_CLIENT_ID = "another-application"
OTHER_CLIENT_SECRET = "another-application-secret"
PROVIDER_PASSWORD = "provider-password-1"
START_TIMEOUT = 30

# The people the provider knows, and what it says about them.
USERS = [
    {
        "username": "ada",
        "email": "Ada.SSO@Example.org",  # Casework's account is ada.sso@example.org: matched case-insensitively
        "claims": {
            "email_verified": True,
            "given_name": "Ada",
            "family_name": "Lovelace",
            "casework_role": "staff",
        },
    },
    {"username": "una", "email": "una@example.org", "claims": {"email_verified": False}},
    {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "claims": {"email_verified": True, "given_name": "Nia", "casework_role": ["everyone", "admins"]},
    },
    {
        "username": "boss",
        "email": "boss@example.org",
        "claims": {"email_verified": True, "casework_role": "staff", "amr": ["pwd", "mfa"]},
    },
    {"username": "late", "email": "late@example.org", "claims": {"email_verified": True}, "expired": True},
]


@dataclass(frozen=True)
class Provider:
    url: str
    private_key_pem: bytes

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"


def _write_key(directory: Path) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (directory / "key.pem").write_bytes(pem)
    return pem


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Iterator[Provider]:
    """The test OpenID Provider, listening on a free port until the test process ends."""
    directory = tmp_path_factory.mktemp("oidc-provider")
    pem = _write_key(directory)
    users = [{**user, "password": PROVIDER_PASSWORD} for user in USERS]
    (directory / "users.json").write_text(json.dumps(users))
    clients = [
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
        {"client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET},
    ]
    (directory / "clients.json").write_text(json.dumps(clients))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEWORK_", "DJANGO_"))}
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(directory)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(directory / "stderr.log", "wb"),  # noqa: SIM115  (closed with the process)
        text=True,
    )
    try:
        selector = selectors.DefaultSelector()
        assert process.stdout is not None
        selector.register(process.stdout, selectors.EVENT_READ)
        line = process.stdout.readline() if selector.select(timeout=START_TIMEOUT) else ""
        if not line.startswith("listening "):
            process.kill()
            pytest.fail(f"the test OpenID Provider did not start: {(directory / 'stderr.log').read_text()}")
        yield Provider(url=f"http://127.0.0.1:{int(line.split()[1])}", private_key_pem=pem)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def sso(oidc_provider, settings) -> Provider:
    """Casework configured to sign in with the test provider: roles from the `casework_role` claim
    (admins -> admin, staff -> caseworker), unknown users refused."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ROLE_CLAIM = "casework_role"
    settings.OIDC_ROLE_MAP = [("admins", "admin"), ("staff", "caseworker")]
    settings.OIDC_DEFAULT_ROLE = "viewer"
    settings.OIDC_CREATE_USERS = False
    settings.OIDC_LABEL = "Test Provider"
    discovery.forget()
    yield oidc_provider
    discovery.forget()


def signed_in_at_provider(provider: Provider, username: str) -> requests.Session:
    """A browser-like session signed in at the provider as `username`."""
    session = requests.Session()
    login = f"{provider.url}/accounts/login/"
    session.get(login, timeout=10).raise_for_status()
    answer = session.post(
        login,
        data={
            "username": username,
            "password": PROVIDER_PASSWORD,
            "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text
    return session


def start(client: Client, *, next_url: str = "") -> str:
    """Press "Sign in with ..." in Casework: the provider's authorization URL it sends the browser to."""
    answer = client.get("/oidc/authenticate/" + (f"?{urlencode({'next': next_url})}" if next_url else ""))
    assert answer.status_code == 302, answer.content
    return answer["Location"]


def code_flow(client: Client, provider: Provider, username: str, *, next_url: str = "") -> str:
    """Start at Casework, sign in at the provider as `username`: the callback URL (path and query) the provider
    sends the browser back to, not yet followed."""
    authorize = start(client, next_url=next_url)
    at_provider = signed_in_at_provider(provider, username)
    answer = at_provider.get(authorize, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/oidc/callback/", answer.headers["Location"]
    return f"{back.path}?{back.query}"


def token_for_another_client(provider: Provider, username: str, *, nonce: str) -> dict:
    """The token answer the provider gives another registered application for `username` (its ID token's
    audience is that application), with Casework's nonce."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    redirect_uri = "http://testserver/oidc/callback/"
    at_provider = signed_in_at_provider(provider, username)
    params = {
        "response_type": "code",
        "client_id": OTHER_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": "openid email profile",
        "state": "other",
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    answer = at_provider.get(
        f"{provider.issuer}/authorize/", params=params, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    token = requests.post(
        f"{provider.issuer}/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": OTHER_CLIENT_ID,
            "client_secret": OTHER_CLIENT_SECRET,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    token.raise_for_status()
    return token.json()
