"""The call center in a real browser (Debian's chromium via Playwright), in Hebrew and right to left: an operator
calls one citizen three times without an answer, then records the 106 case. The screenshots go to
docs/screenshots/ only with CASEWORK_SCREENSHOTS=1."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.web.callcenter.reads import awaiting_106_case
from tests.accounts.factories import PASSWORD, UserFactory
from tests.callcenter.factories import CitizenFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "casework-demo-2026"
HOTLINE = "https://106.municipality.example/tickets/new"
BROWSER_WIDTH = 1366  # the window the screenshots in docs/ were taken at


@pytest.fixture(autouse=True)
def _seeded(live_server, settings):
    settings.CALLCENTER_106_URL = HOTLINE
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 0  # three attempts in a row; the delay is tested elsewhere
    reseed()


@pytest.fixture
def operator(_seeded):
    return UserFactory(
        email="olive.operator@example.org", role_id="operator", first_name="Olive", last_name="Operator"
    )


def test_three_unanswered_calls_lead_to_the_106_page_and_a_case_number(page, live_server, operator):
    citizen = CitizenFactory(first_name="נועה", last_name="כהן", street_name="הרצל", phone1="0501234567")
    sign_in(page, live_server.url, operator.email, PASSWORD)
    page.goto(f"{live_server.url}/callcenter/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "he")

    for attempt in (1, 2, 3):
        page.get_by_role("button", name="התושב הבא").click()
        expect(page.locator("h1")).to_have_text("נועה כהן")
        expect(page.get_by_role("link", name="0501234567")).to_be_visible()
        if attempt == 1:
            # The conditional address fields appear only when their checkbox applies.
            expect(page.get_by_label("רחוב חדש")).to_be_hidden()
            page.get_by_label("הכתובת שגויה").check()
            expect(page.get_by_label("רחוב חדש")).to_be_visible()
            page.get_by_label("הכתובת שגויה").uncheck()
            expect(page.get_by_label("רחוב זמני")).to_be_hidden()
            page.get_by_label("שוהה בכתובת זמנית").check()
            expect(page.get_by_label("רחוב זמני")).to_be_visible()
            page.get_by_label("שוהה זמנית בחו״ל").check()
            expect(page.get_by_label("רחוב זמני")).to_be_hidden()
            page.get_by_label("שוהה בכתובת זמנית").uncheck()
        page.get_by_role("button", name="שמירת השיחה").click()
        if attempt < 3:
            expect(page.locator(".messages")).to_contain_text("השיחה עם נועה כהן נשמרה.")

    expect(page).to_have_url(re.compile(rf"/callcenter/citizens/{citizen.pk}/106/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    citizen.refresh_from_db()
    assert citizen.appearance_count == 3 and citizen.third_appearance_at is not None
    message = page.locator("#message-106")
    expect(message).to_contain_text("נועה כהן")
    expect(message).to_contain_text("0501234567")
    for line in ("1. ", "2. ", "3. "):
        expect(message).to_contain_text(line)
    expect(page.get_by_role("link", name="פתיחת מערכת 106")).to_have_attribute("href", HOTLINE)

    number = page.get_by_role("textbox", name="מספר פנייה במוקד 106")
    expect(number).to_have_accessible_description("בדיוק שש ספרות, לדוגמה 123456.")
    number.fill("12345")
    # The six-digit rule is checked as typed: the browser marks the field and does not send it.
    assert number.evaluate("field => field.validity.patternMismatch")
    page.get_by_role("button", name="שמירת הפנייה").click()
    assert not CallcenterCase.objects.filter(citizen=citizen).exists()
    page.get_by_role("textbox", name="מספר פנייה במוקד 106").fill("123456")
    page.get_by_role("button", name="שמירת הפנייה").click()
    expect(page.locator(".messages")).to_have_text("פנייה 123456 במוקד 106 נשמרה עבור נועה כהן.")
    assert CallcenterCase.objects.get(citizen=citizen).callcenter_case_number == "123456"
    page.get_by_role("button", name="התושב הבא").click()
    expect(page.locator(".notice")).to_contain_text("התור ריק")


SIX_DIGITS = "מספר הפנייה חייב להיות בן שש ספרות בדיוק."


def test_the_106_number_says_in_hebrew_under_the_field_when_the_typed_value_breaks_the_six_digit_rule(
    page, live_server, operator
):
    citizen = CitizenFactory(appearance_count=3)
    sign_in(page, live_server.url, operator.email, PASSWORD)
    page.goto(f"{live_server.url}/callcenter/citizens/{citizen.pk}/106/")
    number = page.get_by_role("textbox", name="מספר פנייה במוקד 106")
    live = page.locator("#id_case_number_live")
    # A letter in the digit-only field is refused as it is typed, in the page's language, under the field.
    number.fill("12a")
    expect(live).to_have_text(SIX_DIGITS)
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description(re.compile(re.escape(SIX_DIGITS)))
    # A valid number clears it at once.
    number.fill("123456")
    expect(live).to_have_text("")
    expect(number).not_to_have_attribute("aria-invalid", "true")
    # A half-typed number is not an error yet; leaving the field with it is.
    number.fill("123")
    expect(live).to_have_text("")
    number.press("Tab")
    expect(live).to_have_text(SIX_DIGITS)
    # Submitting it is stopped by the browser, with the same message as its own.
    assert number.evaluate("field => field.validationMessage") == SIX_DIGITS
    page.get_by_role("button", name="שמירת הפנייה").click()
    assert not CallcenterCase.objects.filter(citizen=citizen).exists()
    number.fill("654321")
    page.get_by_role("button", name="שמירת הפנייה").click()
    expect(page.locator(".messages")).to_contain_text("654321")
    assert CallcenterCase.objects.get(citizen=citizen).callcenter_case_number == "654321"


def test_screenshots_of_the_call_form_and_the_106_page_in_hebrew(page, live_server, tmp_path):
    call_command("demo", contacts=5, cases=5, stdout=open(os.devnull, "w"))  # noqa: SIM115
    target = DOCS if os.environ.get("CASEWORK_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    sign_in(page, live_server.url, "operator@casework.local", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/callcenter/")
    page.get_by_role("button", name="התושב הבא").click()
    expect(page.locator("#call-form")).to_be_visible()
    page.get_by_label("יש ממ״ד").check()
    page.get_by_label("הכתובת שגויה").check()
    page.get_by_label("רחוב חדש").fill("ויצמן")
    page.get_by_label("מספר בניין חדש").fill("14")
    page.screenshot(path=str(target / "callcenter-call-form-he.png"), full_page=True)

    waiting = awaiting_106_case().exclude(phone1="").first()
    assert isinstance(waiting, CitizenRecord)
    page.goto(f"{live_server.url}/callcenter/citizens/{waiting.pk}/106/")
    expect(page.locator("#message-106")).to_contain_text("3. ")
    page.screenshot(path=str(target / "callcenter-106-he.png"), full_page=True)

    for name in ("callcenter-call-form-he.png", "callcenter-106-he.png"):
        assert (target / name).stat().st_size > 10_000
