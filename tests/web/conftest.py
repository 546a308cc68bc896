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


def pytest_terminal_summary(terminalreporter):
    """The crawler's counts (tests/web/test_crawler.py records them per persona), and their totals."""
    reports = [
        report
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", None) == "call"
    ]
    lines = sorted(
        {value for report in reports for name, value in report.user_properties if name == "crawler"}
    )
    if not lines:
        return
    totals: dict[str, int] = {}
    for report in {report.nodeid: report for report in reports}.values():
        for name, counts in report.user_properties:
            if name == "crawler_counts":
                for key, number in counts.items():
                    totals[key] = totals.get(key, 0) + number
    terminalreporter.section("crawler")
    for line in lines:
        terminalreporter.write_line(line)
    terminalreporter.write_line("crawler in all: " + ", ".join(f"{n} {key}" for key, n in totals.items()))
