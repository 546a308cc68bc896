"""`casework worker`: tasks enqueued on commit, run by a real worker process, never lost when a worker dies."""

import signal
import time

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from casework.accounts.models import User
from casework.notifications.models import Delivery
from casework.notifications.services import notify
from casework.ops.models import WorkerHeartbeat
from tests.accounts.factories import UserFactory
from tests.ops.support import running, sent_mail, stop, subprocess_env, wait_until

DELIVER = "casework.notifications.tasks.deliver"
# Committed rows are visible to the worker processes; tests/seeds.py restores the seeded rows after the flush.
live_db = pytest.mark.django_db(transaction=True)


def notify_someone(user, key: str) -> None:
    notify(recipient=user, kind="case.assigned", title=f"{key} was assigned to you", body="b", event_key=key)


@live_db
def test_a_committed_change_enqueues_its_delivery_and_a_rolled_back_one_enqueues_nothing():
    user: User = UserFactory(email="nell.notified@example.org")

    with transaction.atomic():
        notify_someone(user, "evt-commit")
        assert not DBTaskResult.objects.exists(), "nothing is enqueued before the commit"
    assert DBTaskResult.objects.filter(task_path=DELIVER, status="READY").count() == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        notify_someone(user, "evt-rollback")
        raise RuntimeError("the use case failed")
    assert DBTaskResult.objects.count() == 1
    assert not Delivery.objects.filter(idempotency_key__startswith="evt-rollback").exists()


@live_db
def test_a_worker_run_for_a_bounded_time_delivers_what_was_enqueued(tmp_path):
    user: User = UserFactory(email="wes.worker@example.org")
    with transaction.atomic():
        notify_someone(user, "CASE-BATCH-1")

    with running(["worker", "--batch"], subprocess_env(tmp_path), tmp_path / "worker.log") as worker:
        worker.wait(timeout=60)
    assert worker.returncode == 0, (tmp_path / "worker.log").read_text()

    assert Delivery.objects.get().status == "sent"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    [message] = sent_mail(tmp_path / "mail")
    assert "CASE-BATCH-1 was assigned to you" in message
    assert not WorkerHeartbeat.objects.exists(), "a worker that stops cleanly removes its heartbeat"


@live_db
def test_killing_a_worker_mid_task_loses_no_notification(tmp_path):
    user: User = UserFactory(email="kim.killed@example.org")
    with transaction.atomic():
        notify_someone(user, "CASE-KILL-1")
    task_id = DBTaskResult.objects.get().pk
    mail_dir = tmp_path / "mail"
    stale = {"CASEWORK_WORKER_STALE_SECONDS": "2"}
    slow = {
        "CASEWORK_EMAIL_BACKEND": "tests.ops.support.SlowFileEmailBackend",
        "CASEWORK_TEST_EMAIL_DELAY": "120",
    }

    with running(["worker", "--worker-id", "doomed"], subprocess_env(tmp_path, **stale, **slow),
                 tmp_path / "doomed.log") as doomed:  # fmt: skip
        wait_until(
            lambda: Delivery.objects.filter(status="sending").exists(),
            timeout=30,
            what="the first worker to start sending",
        )
        assert DBTaskResult.objects.get(pk=task_id).status == "RUNNING"
        stop(doomed, signal.SIGKILL)
    assert doomed.returncode == -signal.SIGKILL
    assert sent_mail(mail_dir) == []
    assert DBTaskResult.objects.get(pk=task_id).status == "RUNNING", (
        "django-tasks-db alone would leave it running"
    )

    started = time.monotonic()
    with running(["worker", "--worker-id", "rescuer"], subprocess_env(tmp_path, **stale),
                 tmp_path / "rescuer.log") as rescuer:  # fmt: skip
        wait_until(
            lambda: (
                Delivery.objects.filter(status="sent").exists()
                and DBTaskResult.objects.filter(pk=task_id, status="SUCCESSFUL").exists()
            ),
            timeout=60,
            what="the second worker to deliver the notification and finish the dead worker's task",
        )
        stop(rescuer)
    assert time.monotonic() - started < 60

    result = DBTaskResult.objects.get(pk=task_id)
    assert result.status == "SUCCESSFUL"
    assert result.worker_ids == ["doomed", "rescuer"]
    # The rescuer's recovery may also have enqueued the abandoned delivery itself: that task found it sent.
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    [message] = sent_mail(mail_dir)
    assert message.count("CASE-KILL-1 was assigned to you") == 1
