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


def launch() -> Iterator[Any]:
    """A headless chromium for one test module, or a skip that says what is missing.

    Call it from a fixture that depends on `django_db_setup`, so the seeded rows are serialized by then.
    """

    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def reseed() -> None:
    """Put back the rows the migrations seed when a flush removed them (see tests/seeds.py)."""
    from tests.seeds import ensure_seed_rows

    ensure_seed_rows()


def sign_in(page: Any, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/signin/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    # Case staff land on the dashboard; other roles are sent on to their module's page.
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/(?!signin/)"))


def expect(locator: Any) -> Any:
    """Playwright's `expect`, imported when first used (the package is optional: the tests skip without it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


AXE_CORE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_core_or_skip() -> str:
    """axe-core's source (from `npm ci`), or a loud skip outside CI; in CI (CI=true) its absence fails."""
    if AXE_CORE.exists():
        return AXE_CORE.read_text(encoding="utf-8")
    reason = (
        f"AXE-CORE IS MISSING ({AXE_CORE}): run `npm ci` at the repository root; accessibility NOT checked"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)
