"""A webhook URL (which can carry its receiver's token) is seen by administrators only: not in any other API
answer, not in a log line, not in an audit event or admin log entry (issue 15, hole 2)."""

import json
import logging

from django.contrib.admin.models import LogEntry
from django.core import serializers
from django.test import Client

from casework.audit.models import AuditEvent
from casework.cases.models import Case
from casework.cases.services import assign_case
from casework.notifications import tasks
from casework.notifications.models import Delivery, WebhookEndpoint
from tests.cases.factories import CaseFactory
from tests.ops.test_deliveries import Receiver

TOKEN = "T0KEN-b3a7c1d9e5f2"


def test_a_webhook_url_with_a_token_reaches_administrators_and_nobody_else(
    admin, manager, caseworker, viewer, api_as, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # the receiver listens on a loopback port
    settings.NOTIFICATION_EMAILS = False
    receiver = Receiver()
    receiver.thread.start()
    try:
        url = f"{receiver.url}/{TOKEN}?token={TOKEN}"
        browser = Client()
        browser.force_login(admin)
        added = browser.post(
            "/admin/notifications/webhookendpoint/add/",
            {
                "name": "CRM",
                "url": url,
                "secret": "whsec-test-0123456789",
                "event_kinds": "[]",
                "is_active": "on",
            },
        )
        assert added.status_code == 302, added.content.decode()[:2000]
        assert WebhookEndpoint.objects.get().url == url

        case: Case = CaseFactory()
        caplog.set_level(logging.DEBUG)
        with django_capture_on_commit_callbacks(execute=True):
            assign_case(case.pk, actor=manager, assigned_to=caseworker.pk, assigned_team_id=None)
        hook = Delivery.objects.get(channel="webhook")
        receiver.status = 500
        assert tasks.deliver.call(hook.pk) == "pending"  # a failed call is logged
        receiver.status = 204
        Delivery.objects.filter(pk=hook.pk).update(next_attempt_at=hook.created_at)
        assert tasks.deliver.call(hook.pk) == "sent"
        assert len(receiver.requests) == 2

        answers = []
        for user in (manager, caseworker, viewer):
            client = api_as(user)
            for path, params in [
                ("/notifications/deliveries", {"case_id": str(case.pk)}),
                (f"/cases/{case.pk}", {}),
                (f"/cases/{case.pk}/history", {}),
                (f"/cases/{case.pk}/notes", {}),
                ("/notifications", {}),
            ]:
                response = client.get(path, **params)
                assert response.status_code == 200, (path, response.content)
                answers.append(response.content.decode())
        [row] = api_as(manager).get("/notifications/deliveries", case_id=str(case.pk)).json()
        assert row["channel"] == "webhook"
        assert row["destination"] is None
        assert row["status"] == "sent"
        [as_admin] = api_as(admin).get("/notifications/deliveries", case_id=str(case.pk)).json()
        assert as_admin["destination"] == url

        for answer in answers:
            assert TOKEN not in answer
        assert TOKEN not in caplog.text
        assert any("failed, attempt 1" in r.getMessage() for r in caplog.records), "the failure was logged"
        audit = serializers.serialize("json", AuditEvent.objects.all())
        admin_log = serializers.serialize("json", LogEntry.objects.all())
        assert json.loads(admin_log), "adding the endpoint left an admin log entry"
        assert TOKEN not in audit
        assert TOKEN not in admin_log
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
