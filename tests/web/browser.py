"""Playwright helpers for the browser tests: Debian's chromium, skipped cleanly where it is missing."""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CASEWORK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


SERIALIZED: dict[str, str] = {}


def launch() -> Iterator[Any]:
    """A headless chromium for one test module, or a skip that says what is missing.

    Call it from a fixture that depends on `django_db_setup`, so the seeded rows are serialized by then.
    """
    from django.db import connection

    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    if getattr(connection, "_test_serialized_contents", None):
        SERIALIZED["default"] = connection._test_serialized_contents
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def reseed() -> None:
    """Put back the rows the migrations seed (roles, case types, statuses ...) when the database is empty.

    Transactional tests empty the database after each test and `serialized_rollback` restores the seeded rows,
    but once Playwright runs its event loop in this thread Django hands out a fresh, context-local connection
    object without the serialized copy; `launch()` keeps that copy and this puts it back.
    """
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import transaction

    from casework.accounts.models import Role

    if not SERIALIZED.get("default") or Role.objects.exists():
        return
    # The flush re-created content types and permissions (post_migrate); keep those, restore the rest.
    recreated = (ContentType, Permission) if ContentType.objects.exists() else ()
    with transaction.atomic():
        for obj in serializers.deserialize("json", SERIALIZED["default"]):
            if not isinstance(obj.object, recreated):
                obj.save()


def sign_in(page: Any, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/signin/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    # Case staff land on the dashboard; other roles are sent on to their module's page.
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/(?!signin/)"))
