"""Fixtures of the web UI tests: a Django test client signed in as one of the personas."""

import pytest
from django.test import Client

from casework.accounts.models import User
from tests.web.browser import launch


@pytest.fixture
def client_as():
    """`client_as(user)` gives a test client with that user's session (`client_as(None)`: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Debian's chromium, one per browser-test module (skipped where it is missing)."""
    yield from launch()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh English-speaking tab in its own context; a module's BROWSER_WIDTH sets another window width."""
    width = getattr(request.module, "BROWSER_WIDTH", 1280)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-US", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
