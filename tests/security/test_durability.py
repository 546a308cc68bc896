"""Durability on PostgreSQL: case creations are driven at a live `casework serve`, the server is killed with
SIGKILL mid-stream and restarted; every creation answered 2xx is in the database, and no case is half written
(each has its intake note, its `case.created` audit event, and an assignment row matching its assignee)."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from casework.accounts.tokens import issue_token
from casework.audit.models import AuditEvent
from casework.cases.models import Case, CaseAssignment, CaseNote
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type
from tests.conftest import postgres_only
from tests.contacts.factories import ContactFactory

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """The URL of the test database this test runs on, for the server subprocess."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _post(url: str, body: dict, token: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    def __init__(self, port: int, log: Path):
        self.port, self.log = port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "CASEWORK_DATABASE_URL": _database_url(), "CASEWORK_DEBUG": "1"}
        script = Path(sys.executable).parent / "casework"
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(script), "serve", "--port", str(self.port), "--workers", "2"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2).read()
                return
            except OSError:
                assert time.monotonic() < deadline, self.log.read_text()[-3000:]
                time.sleep(0.2)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        self.process.wait(timeout=15)


def test_every_acknowledged_case_survives_a_sigkill_and_none_is_half_written(tmp_path):
    user = UserFactory(role_id="manager")
    contact = ContactFactory()
    token = issue_token(user).token
    type_id = str(case_type().pk)
    server = Server(_free_port(), tmp_path / "serve.log")
    server.start()

    acknowledged: list[str] = []
    attempted = 0
    stop = threading.Event()

    def drive() -> None:
        nonlocal attempted
        while not stop.is_set():
            attempted += 1
            title = f"Durable {attempted:05d}"
            body = {"contact_id": str(contact.pk), "case_type_id": type_id, "title": title}
            body["assigned_to"] = str(user.pk)
            try:
                status = _post(f"http://127.0.0.1:{server.port}/api/cases", body, token)
            except OSError:
                time.sleep(0.05)  # the server is down: no answer, so no promise
                continue
            if 200 <= status < 300:
                acknowledged.append(title)

    driver = threading.Thread(target=drive, daemon=True)
    driver.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 20:
            assert time.monotonic() < deadline, server.log.read_text()[-3000:]
            time.sleep(0.05)
        server.kill()  # mid-stream: requests are in flight
        killed_at = len(acknowledged)
        time.sleep(0.5)
        server.start()
        while len(acknowledged) < killed_at + 10:
            assert time.monotonic() < deadline + 60, server.log.read_text()[-3000:]
            time.sleep(0.05)
    finally:
        stop.set()
        driver.join(timeout=10)
        server.kill(signal.SIGTERM)

    titles = set(Case.objects.values_list("title", flat=True))
    assert not set(acknowledged) - titles, "an acknowledged case was lost"
    for case in Case.objects.all():
        assert CaseNote.objects.filter(case=case).exists(), f"{case.title} has no intake note"
        assert AuditEvent.objects.filter(verb="case.created", target_id=str(case.pk)).exists(), case.title
        if case.assigned_to_id:
            assert CaseAssignment.objects.filter(
                case=case, assigned_to_id=case.assigned_to_id, unassigned_at__isnull=True
            ).exists(), f"{case.title} is assigned without an assignment row"
