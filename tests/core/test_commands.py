"""The `casework` commands a new user runs: createuser and serve."""

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command, load_command_class
from django.db import connections

from casework.accounts.models import User

PASSWORD = "a-long-and-unusual-passphrase"


def createuser(*args: str) -> str:
    out = io.StringIO()
    call_command("createuser", *args, stdout=out)
    return out.getvalue()


def test_createuser_creates_a_user_who_can_sign_in(db, anonymous_api):
    output = createuser(
        "--email", "Nora.New@Example.org", "--password", PASSWORD, "--role", "caseworker",
        "--first-name", "Nora", "--last-name", "New",
    )  # fmt: skip
    assert "Created nora.new@example.org" in output

    response = anonymous_api.post("/auth/login", {"email": "nora.new@example.org", "password": PASSWORD})

    assert response.status_code == 200, response.content
    assert response.json()["user"]["email"] == "nora.new@example.org"
    assert response.json()["user"]["role"] == "caseworker"
    assert response.json()["user"]["first_name"] == "Nora"
    assert response.json()["user"]["last_name"] == "New"


def test_createuser_with_a_taken_email_exits_non_zero_naming_the_email(db, caseworker, monkeypatch, capsys):
    # The real command-line path (run_from_argv) turns CommandError into an exit code and a line on stderr.
    # It closes every database connection when it ends, which would break the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    argv = ["casework", "createuser", "--email", caseworker.email.upper(), "--password", PASSWORD]
    argv += ["--role", "viewer"]

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(argv).execute()

    assert exit_info.value.code != 0
    assert caseworker.email in capsys.readouterr().err
    assert User.objects.filter(email__iexact=caseworker.email).count() == 1


def test_createuser_with_an_unknown_role_exits_non_zero_naming_the_known_roles(db):
    with pytest.raises(CommandError) as error:
        createuser("--email", "someone@example.org", "--password", PASSWORD, "--role", "overlord")

    assert error.value.returncode != 0
    message = str(error.value)
    assert "overlord" in message
    for role in ("admin", "manager", "caseworker", "viewer"):
        assert role in message
    assert not User.objects.filter(email="someone@example.org").exists()


def test_createuser_enforces_the_password_policy(db):
    with pytest.raises(CommandError, match="too short"):
        createuser("--email", "someone@example.org", "--password", "short", "--role", "viewer")

    assert not User.objects.filter(email="someone@example.org").exists()


def test_serve_help_lists_its_options():
    command = load_command_class("casework.core", "serve")
    help_text = command.create_parser("casework", "serve").format_help()

    for option in ("--host", "--port", "--workers"):
        assert option in help_text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _casework_command() -> list[str]:
    script = Path(sys.executable).parent / "casework"
    return [str(script)] if script.exists() else [sys.executable, "-m", "casework"]


def _get(url: str, body: dict | None = None) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_http_with_the_api_docs_and_static_files(tmp_path):
    """Starts the real server as `make run` does, on its own SQLite database whatever the suite runs on."""
    env = {
        **os.environ,
        "CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "CASEWORK_VAR_DIR": str(tmp_path),
        "CASEWORK_DEBUG": "0",
        "CASEWORK_SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
    }
    casework = _casework_command()

    def run(*args: str) -> None:
        done = subprocess.run([*casework, *args], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"casework {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"

    run("migrate", "--noinput")
    run("collectstatic", "--noinput")
    run("createuser", "--email", "sam.server@example.org", "--password", PASSWORD, "--role", "viewer")

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [*casework, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, f"serve exited early:\n{log_path.read_text()}"
            try:
                status, body = _get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, f"serve did not answer in 30 s:\n{log_path.read_text()}"
                time.sleep(0.2)

        assert status == 200
        assert json.loads(body) == {"status": "ok"}
        status, body = _get(f"{base}/api/docs")
        assert status == 200
        assert b"Casework API" in body or b"openapi.json" in body
        status, body = _get(f"{base}/api/openapi.json")
        assert status == 200
        assert "/api/auth/login" in json.loads(body)["paths"]
        status, _ = _get(f"{base}/static/admin/css/base.css")
        assert status == 200, "whitenoise serves collected static files"
        status, body = _get(
            f"{base}/api/auth/login", {"email": "sam.server@example.org", "password": PASSWORD}
        )
        assert status == 200, body
        assert json.loads(body)["token_type"] == "Bearer"
    finally:
        # The whole process group: the gunicorn master and its workers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    assert "GET /healthz" in log_path.read_text(), "the access log goes to stdout"
