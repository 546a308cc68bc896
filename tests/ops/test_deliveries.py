"""E-mail and signed webhooks: recorded with the change, sent once per event, retried with backoff."""

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casework.cases.models import Case
from casework.cases.services import assign_case
from casework.notifications import delivery, tasks
from casework.notifications.channels import EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from casework.notifications.models import Delivery, Notification, WebhookEndpoint
from casework.notifications.services import notify
from tests.cases.factories import CaseFactory


class Receiver:
    """A webhook receiver on a loopback port that records what it is sent and answers `status`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/casework"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(db, receiver, settings) -> WebhookEndpoint:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # the receiver listens on a loopback port
    return WebhookEndpoint.objects.create(name="CRM", url=receiver.url, secret="whsec-test-0123456789")


def notify_of(event_key: str, recipient: Any, target: Any = None) -> Notification | None:
    return notify(
        recipient=recipient,
        kind="case.assigned",
        title="CASE-1 was assigned to you",
        body="Rent arrears",
        target=target,
        event_key=event_key,
    )


def run_deliveries() -> list[str]:
    return [tasks.deliver.call(d.pk) for d in Delivery.objects.order_by("channel")]


def test_the_same_event_twice_gives_one_notification_one_email_and_one_webhook_call(
    caseworker, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify_of("case.assigned:abc:2", caseworker)
        again = notify_of("case.assigned:abc:2", caseworker)

    assert first == again
    assert Notification.objects.count() == 1
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["email", "webhook"]
    assert DBTaskResult.objects.filter(task_path="casework.notifications.tasks.deliver").count() == 2

    assert run_deliveries() == ["sent", "sent"]
    assert run_deliveries() == ["sent", "sent"], "delivering again sends nothing"

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [caseworker.email]
    assert mail.outbox[0].subject == "CASE-1 was assigned to you"
    assert mail.outbox[0].extra_headers[EVENT_ID_HEADER] == f"case.assigned:abc:2:email:{caseworker.pk}"
    assert len(receiver.requests) == 1


def test_a_webhook_call_carries_a_signature_the_receiver_can_verify(caseworker, endpoint, receiver):
    notify_of("case.assigned:abc:3", caseworker)
    run_deliveries()

    [call] = receiver.requests
    headers, body = call["headers"], call["body"]
    assert verify(endpoint.secret, headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER])
    assert not verify("another-secret", headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER])
    assert not verify(endpoint.secret, headers[TIMESTAMP_HEADER], body + b" ", headers[SIGNATURE_HEADER])
    assert headers[EVENT_ID_HEADER] == "case.assigned:abc:3"
    payload = json.loads(body)
    assert payload["kind"] == "case.assigned"
    assert payload["event_id"] == "case.assigned:abc:3"


def test_one_event_for_two_recipients_calls_the_webhook_once(caseworker, manager, endpoint, receiver):
    notify_of("case.status_changed:abc:4", caseworker)
    notify_of("case.status_changed:abc:4", manager)

    run_deliveries()

    assert len(mail.outbox) == 2
    assert len(receiver.requests) == 1


def test_a_failed_webhook_call_is_retried_later_with_backoff_then_given_up(
    caseworker, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAILS = False
    settings.TASK_MAX_ATTEMPTS = 2
    settings.TASK_RETRY_BASE_SECONDS = 30
    receiver.status = 500
    notify_of("case.assigned:abc:5", caseworker)
    hook = Delivery.objects.get(channel="webhook")

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver.call(hook.pk) == "pending"

    hook.refresh_from_db()
    assert hook.attempts == 1
    assert "500" in hook.last_error
    assert (hook.next_attempt_at - before).total_seconds() >= 30
    retry = DBTaskResult.objects.get(task_path="casework.notifications.tasks.deliver")
    assert retry.run_after >= hook.next_attempt_at - dt.timedelta(seconds=1), "the retry is deferred"
    assert tasks.deliver.call(hook.pk) == "pending", "not due yet: nothing is sent"
    assert len(receiver.requests) == 1

    Delivery.objects.filter(pk=hook.pk).update(next_attempt_at=timezone.now())
    assert tasks.deliver.call(hook.pk) == "failed"
    hook.refresh_from_db()
    assert hook.attempts == 2
    assert len(receiver.requests) == 2
    assert delivery.retry_delay(1).total_seconds() == 30
    assert delivery.retry_delay(3).total_seconds() == 120


def test_assigning_a_case_emails_the_assignee_and_the_case_timeline_shows_the_delivery(
    admin, manager, caseworker, api_as, django_capture_on_commit_callbacks
):
    case: Case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assign_case(case.pk, actor=manager, assigned_to=caseworker.pk, assigned_team_id=None)
    [email] = Delivery.objects.filter(channel="email")
    assert email.destination == caseworker.email
    assert email.status == "pending"

    tasks.deliver.call(email.pk)
    response = api_as(manager).get("/notifications/deliveries", case_id=str(case.pk))

    assert response.status_code == 200, response.content
    [row] = response.json()
    assert row["channel"] == "email"
    assert row["status"] == "sent"
    assert row["kind"] == "case.assigned"
    assert row["destination"] is None, "only administrators see where a delivery went"
    assert row["attempts"] == 1
    [as_admin] = api_as(admin).get("/notifications/deliveries", case_id=str(case.pk)).json()
    assert as_admin["destination"] == caseworker.email
    assert len(mail.outbox) == 1
    assert case.case_number in str(mail.outbox[0].subject)


def test_the_delivery_list_of_a_case_needs_the_right_to_see_the_case(anonymous_api, caseworker, api_as):
    case: Case = CaseFactory()

    assert anonymous_api.get("/notifications/deliveries", case_id=str(case.pk)).status_code == 401
    missing = api_as(caseworker).get(
        "/notifications/deliveries", case_id="00000000-0000-0000-0000-000000000000"
    )
    assert missing.status_code == 404


def test_a_delivery_abandoned_by_a_dead_worker_is_taken_back_by_the_sweep(caseworker, settings):
    settings.WORKER_STALE_SECONDS = 60
    notify_of("case.assigned:abc:6", caseworker)
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    Delivery.objects.update(status="sending", claimed_at=long_ago, next_attempt_at=long_ago)

    assert tasks.requeue_stale_deliveries() == 1

    assert Delivery.objects.get().status == "pending"
    assert DBTaskResult.objects.filter(task_path="casework.notifications.tasks.deliver").count() == 1
    assert tasks.deliver.call(Delivery.objects.get().pk) == "sent"


def test_an_overdue_delivery_is_enqueued_again_at_most_once_per_stale_timeout(caseworker, settings):
    """Every worker's heartbeat runs the sweep: a backlog waiting in the queue is not enqueued on every beat."""
    settings.WORKER_STALE_SECONDS = 60
    notify_of("case.assigned:abc:7", caseworker)
    Delivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=5))

    assert tasks.requeue_stale_deliveries() == 1
    assert tasks.requeue_stale_deliveries() == 0, "the second heartbeat finds it handed out already"
    assert DBTaskResult.objects.filter(task_path="casework.notifications.tasks.deliver").count() == 1

    Delivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=2))
    assert tasks.requeue_stale_deliveries() == 1, "still not sent a stale timeout later: handed out again"
