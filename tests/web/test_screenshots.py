"""Every main page against demo data, photographed at a phone's width (390 px) and a laptop's (1366 px) in English,
Danish and Hebrew for the docs: docs/screenshots/<page>-<language>-<width>.png.

The pictures are written to docs/screenshots/ only with CASEWORK_SCREENSHOTS=1 (so a normal test run leaves the
working tree alone). A normal run takes every page once, in Hebrew at 390 px, into the test's temporary directory:
the pages are exercised, and the run stays short.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casework.callcenter.models import CitizenRecord
from casework.cases.models import Case
from casework.naturecheck.models import Farm, NatureCheckCase
from tests.web.browser import launch, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "casework-demo-2026"
VIEWPORTS = {390: {"width": 390, "height": 844}, 1366: {"width": 1366, "height": 900}}
LANGUAGES = ("en", "da", "he")
# The names this test wrote before it took two widths; removed so docs/ holds only current pictures.
FORMER_NAMES = ("dashboard", "case-list", "case-detail", "intake")
# The call page has no address of its own to open: the operator reaches it by taking the next citizen.
NEXT_CITIZEN = "next citizen"


@pytest.fixture(scope="module")
def browser(django_db_setup):
    yield from launch()


def _pages() -> list[tuple[str, str, str]]:
    """(picture name, path, the account that sees it) for every main page."""
    case = Case.objects.filter(notes__isnull=False, status__name="Active").order_by("case_number").first()
    assert case is not None
    farm = Farm.objects.order_by("name").first()
    task = NatureCheckCase.objects.select_related("consultant").order_by("created_at").first()
    assert farm is not None and task is not None and CitizenRecord.objects.exists()
    manager, admin, operator = "manager@casework.local", "admin@casework.local", "operator@casework.local"
    return [
        ("dashboard", "/", manager),
        ("case-list", "/cases/?state=open&sort=-priority", manager),
        ("case-detail", f"/cases/{case.pk}/", manager),
        ("intake", "/cases/new/", manager),
        ("contact-detail", f"/contacts/{case.contact_id}/", manager),
        ("outcomes-report", "/reports/outcomes/", manager),
        ("farm-list", "/naturecheck/", admin),
        ("farm-detail", f"/naturecheck/farms/{farm.pk}/", admin),
        ("consultant-inbox", "/naturecheck/inbox/", task.consultant.email),
        ("callcenter-queue", "/callcenter/", operator),
        ("callcenter-call", NEXT_CITIZEN, operator),
        ("admin-index", "/admin/", admin),
    ]


def test_screenshots_of_every_main_page_at_phone_and_laptop_width_in_three_languages(
    browser, live_server, tmp_path
):
    reseed()
    call_command("demo", contacts=20, cases=40, stdout=open(os.devnull, "w"))  # noqa: SIM115
    for_docs = os.environ.get("CASEWORK_SCREENSHOTS") == "1"
    target = DOCS if for_docs else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    runs = [(w, lang) for w in VIEWPORTS for lang in LANGUAGES] if for_docs else [(390, "he")]
    pages = _pages()
    written = []
    for width, language in runs:
        for account in dict.fromkeys(user for _, _, user in pages):
            context = browser.new_context(viewport=VIEWPORTS[width], locale="en-US")
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, live_server.url, account, DEMO_PASSWORD)
            for name, path, user in pages:
                if user != account:
                    continue
                if path == NEXT_CITIZEN:
                    page.goto(f"{live_server.url}/callcenter/")
                    page.locator("button.next-citizen").click()
                    page.locator("#call-form").wait_for()
                else:
                    response = page.goto(f"{live_server.url}{path}")
                    assert response is not None and response.ok, (name, response and response.status)
                assert page.locator("html").get_attribute("lang") == language, name
                picture = target / f"{name}-{language}-{width}.png"
                page.screenshot(path=str(picture))
                if os.environ.get("CASEWORK_SCREENSHOTS_WIDTHS") == "1":  # a report for whoever fixes layouts
                    print(picture.name, page.evaluate("document.documentElement.scrollWidth"))
                written.append(picture)
            context.close()

    assert len(written) == len(pages) * len(runs)
    for picture in written:
        assert picture.stat().st_size > 5_000, picture.name
    if for_docs:
        for name in FORMER_NAMES:
            for language in LANGUAGES:
                (DOCS / f"{name}-{language}.png").unlink(missing_ok=True)
