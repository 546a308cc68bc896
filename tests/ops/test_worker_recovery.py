"""A delivery whose worker dies while sending is sent by the next worker on its own, with the database task
backend and with RQ, and recovering sends no reminders or summaries (issue 15: in RQ mode it stayed `sending`
until someone ran `casework run_scheduled`, which also sent the reminders)."""

import datetime as dt
import signal

import pytest
from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.notifications.models import Delivery, Notification
from casework.notifications.services import notify
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory
from tests.ops.support import (
    REDIS_TEST_URL,
    require_redis,
    running,
    sent_mail,
    stop,
    subprocess_env,
    wait_until,
)

live_db = pytest.mark.django_db(transaction=True)


@live_db
@pytest.mark.parametrize("backend", ["db", "rq"])
def test_a_delivery_whose_worker_died_mid_send_is_sent_by_the_next_worker_alone(tmp_path, backend):
    mode = {"CASEWORK_WORKER_STALE_SECONDS": "2"}
    if backend == "rq":
        require_redis()
        mode |= {"CASEWORK_TASKS": "rq", "CASEWORK_REDIS_URL": REDIS_TEST_URL}
    user: User = UserFactory(email="kim.killed@example.org")
    # A case due today: a `run_scheduled` would remind its assignee; a worker's recovery must not.
    CaseFactory(assigned_to=user, due_date=timezone.localdate())
    with transaction.atomic():
        notify(
            recipient=user,
            kind="case.assigned",
            title="CASE-RQ-1 was assigned to you",
            body="",
            event_key="k1",
        )
    if backend == "rq":
        # This test process enqueued on the database backend; in RQ mode the queue starts empty, as after a lost
        # enqueue: the first worker's own recovery at start finds the overdue delivery and enqueues it.
        Delivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=1))
    slow = {
        "CASEWORK_EMAIL_BACKEND": "tests.ops.support.SlowFileEmailBackend",
        "CASEWORK_TEST_EMAIL_DELAY": "120",
    }

    with running(["worker", "--worker-id", "doomed"], subprocess_env(tmp_path, **mode, **slow),
                 tmp_path / "doomed.log") as doomed:  # fmt: skip
        wait_until(
            lambda: Delivery.objects.filter(status="sending").exists(),
            timeout=60,
            what=f"the first worker to start sending\n{(tmp_path / 'doomed.log').read_text()}",
        )
        stop(doomed, signal.SIGKILL)  # the whole process group: RQ's work horse too
    assert sent_mail(tmp_path / "mail") == []

    with running(["worker", "--worker-id", "rescuer"], subprocess_env(tmp_path, **mode),
                 tmp_path / "rescuer.log") as rescuer:  # fmt: skip
        wait_until(
            lambda: Delivery.objects.filter(status="sent").exists(),
            timeout=60,
            what=f"the second worker to deliver\n{(tmp_path / 'rescuer.log').read_text()}",
        )
        stop(rescuer)

    [message] = sent_mail(tmp_path / "mail")
    assert message.count("CASE-RQ-1 was assigned to you") == 1
    assert Delivery.objects.get().attempts == 1
    assert not Notification.objects.exclude(kind="case.assigned").exists(), "no reminder or summary was sent"
