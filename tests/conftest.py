"""Shared fixtures: named personas and an API client that signs in as one of them."""

import json
import os
from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import post_migrate
from django.test import Client

from casework.accounts.models import User
from casework.accounts.tokens import issue_token
from tests.accounts.factories import UserFactory
from tests.seeds import restore_seed_rows

post_migrate.connect(restore_seed_rows, dispatch_uid="casework-tests-restore-seed-rows")


class ApiClient:
    """A thin JSON client for /api that sends the persona's bearer token."""

    def __init__(self, user: User | None = None):
        self.client = Client()
        self.user = user
        self.token = issue_token(user).token if user else None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, body: Any = None, **params: Any):
        url = path if path.startswith("/api") else f"/api{path}"
        kwargs: dict[str, Any] = {"headers": self._headers()}
        if method == "get":
            return self.client.get(url, params, **kwargs)
        if body is not None:
            kwargs.update(data=json.dumps(body, default=str), content_type="application/json")
        if params:
            from urllib.parse import urlencode

            url = f"{url}?{urlencode(params)}"
        return getattr(self.client, method)(url, **kwargs)

    def get(self, path: str, **params: Any):
        return self.request("get", path, **params)

    def post(self, path: str, body: Any = None, **params: Any):
        return self.request("post", path, body, **params)

    def put(self, path: str, body: Any = None, **params: Any):
        return self.request("put", path, body, **params)

    def patch(self, path: str, body: Any = None, **params: Any):
        return self.request("patch", path, body, **params)

    def delete(self, path: str, **params: Any):
        return self.request("delete", path, **params)


@pytest.fixture
def admin(db) -> User:
    return UserFactory(
        email="ada.admin@example.org",
        role_id="admin",
        first_name="Ada",
        last_name="Admin",
        is_staff=True,  # as `create_user` gives a role that may configure the system
        is_superuser=True,
    )


@pytest.fixture
def manager(db) -> User:
    return UserFactory(
        email="max.manager@example.org", role_id="manager", first_name="Max", last_name="Manager"
    )


@pytest.fixture
def caseworker(db) -> User:
    return UserFactory(
        email="cass.worker@example.org", role_id="caseworker", first_name="Cass", last_name="Worker"
    )


@pytest.fixture
def viewer(db) -> User:
    return UserFactory(email="vic.viewer@example.org", role_id="viewer", first_name="Vic", last_name="Viewer")


@pytest.fixture
def api_as():
    """`api_as(user)` gives an ApiClient signed in as that user; `api_as(None)` is anonymous."""
    return ApiClient


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient(None)


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


postgres_only = pytest.mark.skipif(
    not os.environ.get("CASEWORK_DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 costs ~0.2 s per password; tests hash MD5 unless marked `real_password_hashing`."""
    if request.node.get_closest_marker("real_password_hashing") is None:
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]


def pytest_terminal_summary(terminalreporter):
    """The crawler's counts (tests/web/test_crawler.py records them per persona), and their totals. Here, not in
    tests/web/conftest.py: under pytest-xdist the controller loads only the conftest files of its arguments' paths,
    so a hook there is never called when the whole suite runs."""
    reports = [
        report
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", None) == "call"
    ]
    lines = sorted(
        {value for report in reports for name, value in report.user_properties if name == "crawler"}
    )
    if not lines:
        return
    totals: dict[str, int] = {}
    for report in {report.nodeid: report for report in reports}.values():
        for name, counts in report.user_properties:
            if name == "crawler_counts":
                for key, number in counts.items():
                    totals[key] = totals.get(key, 0) + number
    terminalreporter.section("crawler")
    for line in lines:
        terminalreporter.write_line(line)
    terminalreporter.write_line("crawler in all: " + ", ".join(f"{n} {key}" for key, n in totals.items()))
