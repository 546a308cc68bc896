"""Behind a load balancer: the client address comes from X-Forwarded-For only when the request arrives from a
trusted proxy (CASEWORK_TRUSTED_PROXIES), and it keys both the sign-in rate limit and the audit trail."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from casework.audit.context import client_ip
from casework.audit.models import AuditEvent
from casework.config.settings import PROJECT_DIR
from tests.accounts.factories import PASSWORD

BALANCER = "10.0.0.5"
BEHIND_THE_BALANCER = override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])


@pytest.fixture
def pinned_rate_limit_clock(monkeypatch):
    """Keep every attempt in one rate-limit window, so a test never straddles a window boundary."""
    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_700_000_000.0))


def _address(remote_addr: str, forwarded_for: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra))


def _login(
    email: str, *, remote_addr: str, forwarded_for: str | None = None, password: str = "wrong-password"
):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return Client().post(
        "/api/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
        REMOTE_ADDR=remote_addr,
        **extra,
    )


# Resolving the address


def test_without_trusted_proxies_a_forwarded_for_header_is_ignored():
    assert _address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


@BEHIND_THE_BALANCER
def test_a_forwarded_for_header_from_an_untrusted_address_is_ignored():
    assert _address("203.0.113.7", "198.51.100.1, 10.0.0.6") == "203.0.113.7"


@BEHIND_THE_BALANCER
def test_through_the_balancer_the_client_is_the_address_it_appended():
    assert _address(BALANCER, "198.51.100.1") == "198.51.100.1"


@BEHIND_THE_BALANCER
def test_addresses_a_client_wrote_before_the_balancer_are_not_believed():
    assert _address(BALANCER, "192.0.2.66, 198.51.100.1") == "198.51.100.1"


@BEHIND_THE_BALANCER
def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client():
    assert _address(BALANCER, "192.0.2.66, 198.51.100.1, 10.0.0.9") == "198.51.100.1"


@BEHIND_THE_BALANCER
def test_without_a_usable_forwarded_for_the_client_is_the_last_trusted_hop():
    assert _address(BALANCER) == BALANCER
    assert _address(BALANCER, "not-an-address") == BALANCER
    assert _address(BALANCER, "198.51.100.1, garbage, 10.0.0.9") == "10.0.0.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.5", "2001:db8::/32"])
def test_ports_brackets_and_mapped_addresses_are_normalised():
    assert _address(BALANCER, "198.51.100.1:51234") == "198.51.100.1"
    assert _address("2001:db8::1", "[2001:db8:ffff::7]:443, [2a00:1450::1]:51234") == "2a00:1450::1"
    assert _address("::ffff:10.0.0.5", "::ffff:198.51.100.1") == "198.51.100.1"


def test_a_missing_or_malformed_remote_address_gives_no_client():
    assert _address("") is None
    assert _address("unix-socket") is None


def test_an_invalid_trusted_proxy_setting_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    env.update(CASEWORK_DEBUG="1", CASEWORK_TRUSTED_PROXIES="10.0.0.0/8, load-balancer.internal")
    probe = "import json; from casework.config import settings as s; print(json.dumps(s.TRUSTED_PROXIES))"

    refused = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    env["CASEWORK_TRUSTED_PROXIES"] = "10.0.0.0/8, 2001:db8::1"
    accepted = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )

    assert refused.returncode != 0
    assert "'load-balancer.internal' is not an IP address or network" in refused.stderr
    assert json.loads(accepted.stdout) == ["10.0.0.0/8", "2001:db8::1"]


# The sign-in rate limit


@override_settings(LOGIN_RATE_PER_IP="3/m")
def test_a_spoofed_forwarded_for_does_not_escape_the_address_limit(db, caseworker, pinned_rate_limit_clock):
    for n in range(3):
        _login(f"guess{n}@example.org", remote_addr="203.0.113.7", forwarded_for=f"198.51.100.{n}")

    response = _login(
        caseworker.email, remote_addr="203.0.113.7", forwarded_for="198.51.100.99", password=PASSWORD
    )

    assert response.status_code == 429


@BEHIND_THE_BALANCER
@override_settings(LOGIN_RATE_PER_IP="3/m")
def test_through_the_balancer_the_real_client_is_limited_and_not_everyone(
    db, caseworker, pinned_rate_limit_clock
):
    for n in range(3):
        _login(f"guess{n}@example.org", remote_addr=BALANCER, forwarded_for="198.51.100.1")

    limited = _login(caseworker.email, remote_addr=BALANCER, forwarded_for="198.51.100.1", password=PASSWORD)
    other_client = _login(
        caseworker.email, remote_addr=BALANCER, forwarded_for="198.51.100.2", password=PASSWORD
    )

    assert limited.status_code == 429
    assert other_client.status_code == 200


@BEHIND_THE_BALANCER
@override_settings(LOGIN_RATE_PER_ACCOUNT="3/m")
def test_the_account_limit_still_counts_attempts_from_every_client(db, caseworker, pinned_rate_limit_clock):
    for n in range(3):
        _login(caseworker.email, remote_addr=BALANCER, forwarded_for=f"198.51.100.{n}")

    response = _login(
        caseworker.email, remote_addr=BALANCER, forwarded_for="198.51.100.99", password=PASSWORD
    )

    assert response.status_code == 429


@BEHIND_THE_BALANCER
def test_the_sign_in_page_limits_the_real_client_too(db, caseworker, settings, pinned_rate_limit_clock):
    settings.LOGIN_RATE_PER_IP = "2/m"
    client = Client(REMOTE_ADDR=BALANCER)
    for n in range(2):
        client.post(
            reverse("web:login"),
            {"username": f"guess{n}@example.org", "password": "nope"},
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )

    limited = client.post(
        reverse("web:login"),
        {"username": caseworker.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    other_client = Client(REMOTE_ADDR=BALANCER).post(
        reverse("web:login"),
        {"username": caseworker.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )

    assert "Too many sign-in attempts" in limited.content.decode()
    assert other_client.status_code == 302


# The audit trail


def _create_team(admin, name: str, *, remote_addr: str, forwarded_for: str) -> AuditEvent:
    from casework.accounts.tokens import issue_token

    response = Client(REMOTE_ADDR=remote_addr).post(
        "/api/teams",
        {"name": name},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issue_token(admin).token}", "X-Forwarded-For": forwarded_for},
    )
    assert response.status_code == 201, response.content
    return AuditEvent.objects.get(verb="team.created", target_id=response.json()["id"])


@BEHIND_THE_BALANCER
def test_through_the_balancer_the_audit_event_records_the_real_client(admin):
    event = _create_team(admin, "Intake", remote_addr=BALANCER, forwarded_for="192.0.2.66, 198.51.100.1")

    assert str(event.ip) == "198.51.100.1"


@BEHIND_THE_BALANCER
def test_a_spoofed_forwarded_for_is_not_recorded_in_the_audit_trail(admin):
    event = _create_team(admin, "Intake", remote_addr="203.0.113.7", forwarded_for="198.51.100.1")

    assert str(event.ip) == "203.0.113.7"
