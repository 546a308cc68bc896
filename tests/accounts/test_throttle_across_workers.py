"""The sign-in limits hold across every server process without Redis: `casework serve --workers 2` refuses
the 11th attempt on one account and the 31st from one address, however the attempts spread over its workers
(issue 15, hole 5: each worker used to count on its own, so the limits were multiplied by the worker count)."""

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from casework.ops import ratelimit
from casework.ops.models import RateCounter
from tests.accounts.factories import UserFactory
from tests.ops.support import free_port, running, subprocess_env, wait_for_http

live_db = pytest.mark.django_db(transaction=True)


def _attempts(base: str, emails: list[str], *, client: str) -> list[int]:
    """Send one wrong-password sign-in per e-mail, all at once, as `client` (through the trusted proxy)."""

    def attempt(email: str) -> int:
        body = json.dumps({"email": email, "password": "not-the-password"}).encode()
        headers = {"Content-Type": "application/json", "X-Forwarded-For": client}
        request = urllib.request.Request(f"{base}/api/auth/login", data=body, method="POST", headers=headers)
        try:  # each attempt hashes a password: generous time on a loaded machine
            with urllib.request.urlopen(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (401, 429), status
        return status

    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(attempt, emails))


@live_db
def test_two_server_workers_count_one_account_and_one_address_together(tmp_path):
    UserFactory(email="ray.ratelimited@example.org", role_id="viewer")
    env = subprocess_env(tmp_path, CASEWORK_TRUSTED_PROXIES="127.0.0.1")
    assert "CASEWORK_REDIS_URL" not in env
    base = f"http://127.0.0.1:{free_port()}"
    log_path = tmp_path / "serve.log"

    with running(["serve", "--port", base.rsplit(":", 1)[1], "--workers", "2"], env, log_path) as server:
        wait_for_http(base, server, log_path)
        # One account (limit 10 per 5 minutes), 20 attempts at once from one address.
        by_account = _attempts(base, ["ray.ratelimited@example.org"] * 20, client="198.51.100.1")
        # One address (limit 30 per 5 minutes), 40 attempts at once on 40 accounts.
        by_address = _attempts(base, [f"nobody{i}@example.org" for i in range(40)], client="198.51.100.2")

    assert sorted(by_account) == [401] * 10 + [429] * 10
    assert sorted(by_address) == [401] * 30 + [429] * 10
    logins = [
        json.loads(line)
        for line in log_path.read_text().splitlines()
        if line.startswith("{") and "POST /api/auth/login" in line
    ]
    workers = {line["pid"] for line in logins}
    assert len(logins) == 60
    assert len(workers) == 2, "both workers answered sign-ins (else this test shows nothing)"


def test_a_counter_counts_in_its_window_and_starts_again_after_it(db, monkeypatch):
    clock = [1_700_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])

    assert [ratelimit.hit("login:account", "a@example.org", period=300) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("login:account", "b@example.org", period=300) == 1, "another key, another count"
    assert ratelimit.hit("login:ip", "a@example.org", period=300) == 1, "another bucket, another count"
    clock[0] += 299
    assert ratelimit.hit("login:account", "a@example.org", period=300) == 4
    clock[0] += 1
    assert ratelimit.hit("login:account", "a@example.org", period=300) == 1, "a new window"
    assert RateCounter.objects.count() == 1, "the counters of ended windows were dropped"
    assert not RateCounter.objects.filter(key__contains="example").exists(), "keys are hashed"
