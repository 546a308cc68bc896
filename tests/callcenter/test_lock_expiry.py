"""Expired locks return to Pending: the service, the task that runs it, and the cron command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from casework.callcenter.services import release_expired_locks
from casework.callcenter.tasks import release_expired_locks as release_task
from tests.callcenter.factories import CitizenFactory, handled_by, locked_citizen

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_expired_locks_return_to_pending_and_live_ones_stay(operator, other_operator):
    expired = locked_citizen(operator, minutes_left=-1)
    live = locked_citizen(other_operator, minutes_left=10)
    done = CitizenFactory(status="Updated")

    assert release_expired_locks() == 1

    expired.refresh_from_db()
    live.refresh_from_db()
    done.refresh_from_db()
    assert (expired.status, expired.locked_by, expired.locked_until) == ("Pending", None, None)
    assert (live.status, live.locked_by) == ("InProgress", other_operator)
    assert done.status == "Updated"


def test_a_released_citizen_comes_back_in_the_queue_with_its_appearance_kept(as_operator, other_operator):
    citizen = locked_citizen(other_operator, minutes_left=-1)
    assert as_operator.get("/citizens/next").status_code == 204

    release_expired_locks()

    body = as_operator.get("/citizens/next").json()
    assert (body["id"], body["appearance_count"]) == (citizen.pk, 2)


def test_the_operator_whose_lock_was_released_gets_409_on_submit(as_operator, operator):
    citizen = handled_by(operator, locked_citizen(operator, minutes_left=-1))
    release_expired_locks()

    response = as_operator.put(f"/citizens/{citizen.pk}", {"is_answered_the_call": True})

    assert (response.status_code, response.json()["code"]) == (409, "not_in_progress")


@override_settings(TASKS=IMMEDIATE)
def test_the_task_runs_the_release_when_enqueued_on_the_immediate_backend(operator):
    citizen = locked_citizen(operator, minutes_left=-5)

    result = release_task.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    citizen.refresh_from_db()
    assert citizen.status == "Pending"


@override_settings(TASKS=DUMMY)
def test_the_command_can_enqueue_the_task_for_a_worker(operator):
    citizen = locked_citizen(operator, minutes_left=-5)
    out = StringIO()

    call_command("release_expired_locks", "--enqueue", stdout=out)

    assert "Enqueued release_expired_locks" in out.getvalue()
    citizen.refresh_from_db()
    assert citizen.status == "InProgress"  # the dummy backend only records it; a worker would run it


def test_the_command_releases_expired_locks_for_cron(operator):
    locked_citizen(operator, minutes_left=-5)
    out = StringIO()

    call_command("release_expired_locks", stdout=out)

    assert out.getvalue().strip() == "Released 1 expired lock(s)."
