"""Helpers for the operations tests: real `casework` subprocesses against the test database, bounded waits."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = os.environ.get("CASEWORK_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_redis() -> Any:
    """A client for the tests' own Redis database, flushed; skips the test without Redis (fails in CI)."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        if in_ci():
            pytest.fail(f"Redis not reachable at {REDIS_TEST_URL} in CI: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_TEST_URL}")
    client.flushdb()
    return client


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        if in_ci() and os.environ.get("CASEWORK_DATABASE_URL", "").startswith("postgres"):
            pytest.fail("expected the PostgreSQL test database in CI")
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of make test)")


def live_database_url() -> str:
    """The URL of the database this test runs on (the test database), for subprocesses."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or "postgres"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{config['NAME']}"


def casework_command() -> list[str]:
    script = Path(sys.executable).parent / "casework"
    return [str(script)] if script.exists() else [sys.executable, "-m", "casework"]


def subprocess_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_DIR),
        "CASEWORK_DATABASE_URL": live_database_url(),
        "CASEWORK_VAR_DIR": str(tmp_path),
        "CASEWORK_EMAIL_BACKEND": "file",
        "CASEWORK_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "CASEWORK_LOG_FORMAT": "json",
    }
    env.pop("CASEWORK_REDIS_URL", None)
    env.pop("CASEWORK_TASKS", None)
    env.update(overrides)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running(args: list[str], env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen]:
    """Start `casework <args>` in its own process group; always kill the group on the way out."""
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [*casework_command(), *args],
            env=env,
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_until(condition: Callable[[], Any], *, timeout: float, what: str, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def http(
    method: str, url: str, body: Any = None, *, token: str | None = None, headers: dict | None = None
) -> tuple[int, Any]:
    data = json.dumps(body, default=str).encode() if body is not None else None
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


def wait_for_http(base: str, process: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    def answers() -> bool:
        assert process.poll() is None, f"the server exited early:\n{log_path.read_text()}"
        try:
            return http("GET", f"{base}/healthz")[0] == 200
        except OSError:
            return False

    wait_until(answers, timeout=timeout, what=f"{base}/healthz")


class SlowFileEmailBackend(FileEmailBackend):
    """The file e-mail backend, after sleeping CASEWORK_TEST_EMAIL_DELAY seconds: a task to kill mid-way."""

    def send_messages(self, email_messages: Any) -> int:
        time.sleep(float(os.environ.get("CASEWORK_TEST_EMAIL_DELAY", "0")))
        return super().send_messages(email_messages)


def sent_mail(directory: Path) -> list[str]:
    return [p.read_text() for p in sorted(directory.glob("*.log"))] if directory.exists() else []
