"""Webhook calls go to public addresses only (checked at send time, pinned against DNS rebinding), never follow
a redirect, and carry Standard Webhooks headers that the stock `standardwebhooks` library verifies (issue 15)."""

import base64
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
import standardwebhooks
from django.core.exceptions import ValidationError

from casework.notifications import tasks
from casework.notifications.models import Delivery, WebhookEndpoint
from casework.notifications.services import notify
from tests.ops.test_deliveries import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def deliver_webhook(user: Any, url: str, *, secret: str = "whsec-test-0123456789") -> Delivery:
    WebhookEndpoint.objects.create(name="CRM", url=url, secret=secret)
    notify(
        recipient=user, kind="case.assigned", title="CASE-1 is yours", body="", event_key="case.assigned:x:1"
    )
    hook = Delivery.objects.get(channel="webhook")
    tasks.deliver.call(hook.pk)
    hook.refresh_from_db()
    return hook


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_webhook_to_a_loopback_address_is_refused_by_default(caseworker, receiver, settings, host):
    settings.NOTIFICATION_EMAILS = False
    assert settings.WEBHOOK_ALLOW_PRIVATE_TARGETS is False, "the default"
    url = receiver.url.replace("127.0.0.1", host)

    hook = deliver_webhook(caseworker, url)

    assert hook.status == "pending"
    assert "loopback" in hook.last_error
    assert receiver.requests == []


def test_the_setting_allows_a_receiver_on_the_organisations_own_network(caseworker, receiver, settings):
    settings.NOTIFICATION_EMAILS = False
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True

    hook = deliver_webhook(caseworker, receiver.url)

    assert hook.status == "sent"
    assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://10.0.0.7/hook",
        "http://192.168.1.20/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_the_admin_cannot_save_a_private_target(db, url):
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="Inside", url=url, secret="s").full_clean()
    assert "url" in refused.value.message_dict


def test_a_public_target_can_be_saved(db):
    WebhookEndpoint(name="CRM", url="https://hooks.example.org/casework", secret="s").full_clean()


def test_a_host_name_that_resolves_to_a_public_address_at_the_check_is_called_at_that_address(
    caseworker, receiver, settings, monkeypatch
):
    """DNS rebinding: the name answers a public address when checked and the receiver's loopback address
    afterwards; the call goes to the checked address (and fails there), never to the loopback receiver."""
    settings.NOTIFICATION_EMAILS = False
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    port = receiver.server.server_address[1]
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["192.0.32.10"])  # a global address (IANA), then loopback for ever

    def rebinding(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "hooks.rebind.test":
            host = next(answers, "127.0.0.1")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)

    hook = deliver_webhook(caseworker, f"http://hooks.rebind.test:{port}/hooks/casework")

    assert hook.status == "pending"
    assert "could not reach the receiver" in hook.last_error
    assert receiver.requests == [], "the call went to the address that was checked"


class Redirector:
    """Answers every POST with a 307 to `location` (another receiver)."""

    def __init__(self, location: str) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(307)
                self.send_header("Location", location)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/moved"


def test_a_redirect_is_not_followed(caseworker, receiver, settings):
    settings.NOTIFICATION_EMAILS = False
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    redirector = Redirector(receiver.url)
    threading.Thread(target=redirector.server.serve_forever, daemon=True).start()
    try:
        hook = deliver_webhook(caseworker, redirector.url)
    finally:
        redirector.server.shutdown()
        redirector.server.server_close()

    assert hook.status == "pending"
    assert "307" in hook.last_error
    assert "redirect" in hook.last_error
    assert receiver.requests == [], "the redirect's target was not called"


@pytest.mark.parametrize(
    ("secret", "receiver_key"),
    [
        ("whsec-test-0123456789", b"whsec-test-0123456789"),  # any secret: the library takes its bytes
        (
            "whsec_" + base64.b64encode(b"k" * 32).decode(),
            None,
        ),  # a whsec_ secret: the library takes it as is
    ],
)
def test_the_stock_standard_webhooks_library_verifies_a_call(
    caseworker, receiver, settings, secret, receiver_key
):
    settings.NOTIFICATION_EMAILS = False
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True

    deliver_webhook(caseworker, receiver.url, secret=secret)

    [call] = receiver.requests
    headers = {name.lower(): value for name, value in call["headers"].items()}
    assert headers["webhook-id"] == "case.assigned:x:1"
    payload = standardwebhooks.Webhook(receiver_key or secret).verify(call["body"], headers)
    assert payload["kind"] == "case.assigned"
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(b"another-secret").verify(call["body"], headers)
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(receiver_key or secret).verify(call["body"] + b" ", headers)
