"""Two `casework serve` instances on one PostgreSQL and one Redis behave as one application."""

import pytest

from casework.accounts.models import User
from casework.cases.models import Case
from casework.notifications.models import Delivery
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cases.factories import CaseFactory
from tests.ops.support import (
    REDIS_TEST_URL,
    free_port,
    http,
    require_postgres,
    require_redis,
    running,
    sent_mail,
    subprocess_env,
    wait_for_http,
    wait_until,
)

SECRET = "a-shared-secret-key-for-both-instances-0123456789"


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_password_hashing  # the servers verify passwords with the production hashers
def test_two_app_servers_share_logins_rate_limits_conflicts_and_background_work(tmp_path):
    require_postgres()
    redis = require_redis()
    manager: User = UserFactory(email="mia.manager@example.org", role_id="manager")
    admin: User = UserFactory(email="abe.admin@example.org", role_id="admin")
    caseworker: User = UserFactory(email="cara.caseworker@example.org", role_id="caseworker")
    UserFactory(email="ray.ratelimited@example.org", role_id="viewer")
    case: Case = CaseFactory()
    env = subprocess_env(
        tmp_path,
        CASEWORK_REDIS_URL=REDIS_TEST_URL,
        CASEWORK_DEBUG="0",
        CASEWORK_SECRET_KEY=SECRET,
        CASEWORK_LOGIN_RATE_PER_ACCOUNT="3/5m",
        # Production mode requires admins to enrol a second factor first; this test is about what two servers
        # share (the second factor has its own tests in tests/accounts), so no role requires one here.
        CASEWORK_MFA_REQUIRED_ROLES="",
    )
    a, b = f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"

    with (
        running(
            ["serve", "--port", a.rsplit(":", 1)[1], "--workers", "1"], env, tmp_path / "a.log"
        ) as server_a,
        running(
            ["serve", "--port", b.rsplit(":", 1)[1], "--workers", "1"], env, tmp_path / "b.log"
        ) as server_b,
    ):
        wait_for_http(a, server_a, tmp_path / "a.log")
        wait_for_http(b, server_b, tmp_path / "b.log")

        # A login on one instance is valid on the other (the JWT is signed with the shared secret).
        status, body = http("POST", f"{a}/api/auth/login", {"email": manager.email, "password": PASSWORD})
        assert status == 200, body
        manager_token = body["token"]
        status, body = http("GET", f"{b}/api/cases/{case.pk}", token=manager_token)
        assert status == 200, body
        version = body["row_version"]

        # A rate limit counts the attempts made on both instances (the counters are in Redis).
        wrong = {"email": "ray.ratelimited@example.org", "password": "not-the-password"}
        assert [http("POST", f"{base}/api/auth/login", wrong)[0] for base in (a, b, a)] == [401, 401, 401]
        status, body = http("POST", f"{b}/api/auth/login", wrong)
        assert status == 429, body
        assert body["code"] == "rate_limited"
        assert any(key.startswith(b"casework:") for key in redis.keys("*"))

        # Two users editing the same version on different instances: the second gets 409.
        status, body = http("POST", f"{b}/api/auth/login", {"email": admin.email, "password": PASSWORD})
        admin_token = body["token"]
        first = http("PUT", f"{a}/api/cases/{case.pk}", {"title": "Edited on A", "row_version": version},
                     token=manager_token)  # fmt: skip
        second = http("PUT", f"{b}/api/cases/{case.pk}", {"title": "Edited on B", "row_version": version},
                      token=admin_token)  # fmt: skip
        assert first[0] == 200, first
        assert second[0] == 409, second
        assert second[1]["code"] == "concurrent_modification"
        assert second[1]["current_row_version"] == version + 1

        # A notification created through one instance is delivered by a worker and seen through the other.
        status, body = http(
            "PUT",
            f"{a}/api/cases/{case.pk}/assignment",
            {"assigned_to": str(caseworker.pk), "row_version": version + 1},
            token=manager_token,
        )
        assert status == 200, body
        with running(["worker"], env, tmp_path / "worker.log"):
            wait_until(
                lambda: Delivery.objects.filter(channel="email", status="sent").exists(),
                timeout=60,
                what="the worker to send the assignment e-mail",
            )
        status, body = http("POST", f"{b}/api/auth/login", {"email": caseworker.email, "password": PASSWORD})
        status, inbox = http("GET", f"{b}/api/notifications", token=body["token"])
        assert status == 200, inbox
        assert [n["kind"] for n in inbox["notifications"]] == ["case.assigned"]
        [message] = sent_mail(tmp_path / "mail")
        assert case.case_number in str(message)
        assert caseworker.email in str(message)

        # Both instances report ready with the shared Redis.
        for base in (a, b):
            status, body = http("GET", f"{base}/readyz")
            assert status == 200, body
    redis.flushdb()
