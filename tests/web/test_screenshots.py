"""The main screens against demo data, in English and Danish (and Hebrew), photographed for the docs.

The pictures are written to docs/screenshots/ only with CASEWORK_SCREENSHOTS=1 (so a normal test run leaves the
working tree alone); otherwise to the test's temporary directory. The pages are exercised either way.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from casework.cases.models import Case
from tests.web.browser import launch, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "casework-demo-2026"


@pytest.fixture(scope="module")
def browser(django_db_setup):
    yield from launch()


def test_screenshots_of_the_main_screens_in_english_danish_and_hebrew(browser, live_server, tmp_path):
    from playwright.sync_api import expect

    reseed()
    call_command("demo", contacts=20, cases=40, stdout=open(os.devnull, "w"))  # noqa: SIM115
    target = DOCS if os.environ.get("CASEWORK_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    case = Case.objects.filter(notes__isnull=False, status__name="Active").order_by("case_number").first()
    assert case is not None

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "manager@casework.local", DEMO_PASSWORD)
    for language, button, new_case in (
        ("en", "English", "New case"),
        ("da", "Dansk", "Ny sag"),
        ("he", "עברית", "תיק חדש"),
    ):
        page.goto(f"{live_server.url}/")
        page.get_by_role("button", name=button).click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.screenshot(path=str(target / f"dashboard-{language}.png"), full_page=True)

        page.goto(f"{live_server.url}/cases/?state=open&sort=-priority")
        expect(page.locator("#results table")).to_be_visible()
        page.screenshot(path=str(target / f"case-list-{language}.png"), full_page=True)

        page.goto(f"{live_server.url}/cases/{case.pk}/")
        expect(page.locator(".timeline")).to_be_visible()
        page.screenshot(path=str(target / f"case-detail-{language}.png"), full_page=True)

        page.get_by_role("link", name=new_case).click()
        page.locator("#contact-search").fill(case.contact.last_name)
        page.locator(f"input[name=contact][value='{case.contact.pk}']").check()
        page.locator("#id_case_type").select_option(
            value=str(
                Case.objects.filter(case_type__name="Housing").values_list("case_type", flat=True).first()
                or case.case_type_id
            )
        )
        expect(page.locator("#intake-fields .field").first).to_be_visible()
        page.screenshot(path=str(target / f"intake-{language}.png"), full_page=True)
    context.close()

    for language in ("en", "da", "he"):
        for screen in ("dashboard", "case-list", "case-detail", "intake"):
            assert (target / f"{screen}-{language}.png").stat().st_size > 10_000
