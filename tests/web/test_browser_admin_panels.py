"""In a real browser: the outcome definitions' order in the admin (drag and keyboard), and the case detail's
editable panels (services, related cases, document versions), in English, Danish and Hebrew.

The two pictures for the docs are written to docs/screenshots/ only with CASEWORK_SCREENSHOTS=1 (as in
test_screenshots.py); otherwise to the test's temporary directory.
"""

import os
import re
from pathlib import Path

import pytest

from casework.cases.plan.services import delivered, relationships
from casework.documents.models import CaseDocument
from casework.outcomes import services as outcome_services
from casework.outcomes.models import OutcomeDefinition
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cases.factories import CaseFactory
from tests.documents.conftest import store_document
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
OUTCOMES = (("housed", "Housed"), ("employed", "Employed"), ("debt-free", "Debt free"))


@pytest.fixture(autouse=True)
def _seeded(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    reseed()


@pytest.fixture
def pictures(tmp_path) -> Path:
    target = DOCS if os.environ.get("CASEWORK_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture
def administrator(_seeded):
    return UserFactory(
        email="ada.config@example.org",
        role_id="admin",
        first_name="Ada",
        last_name="Config",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def worker(_seeded):
    return UserFactory(
        email="sam.panels@example.org", role_id="manager", first_name="Sam", last_name="Panels"
    )


@pytest.fixture
def outcomes(administrator) -> list[OutcomeDefinition]:
    return [
        outcome_services.create_definition(actor=administrator, key=key, name=name) for key, name in OUTCOMES
    ]


def saved_order() -> list[str]:
    keys = [key for key, _name in OUTCOMES]
    return [
        key
        for key in OutcomeDefinition.objects.in_display_order().values_list("key", flat=True)
        if key in keys
    ]


def shown_order(page) -> list[str]:
    names = page.locator("#outcome-order-list li .name").all_inner_texts()
    return [name for name in names if name in dict(OUTCOMES).values()]


def open_outcomes(page, base_url: str, administrator) -> None:
    sign_in(page, base_url, administrator.email, PASSWORD)
    page.goto(f"{base_url}/admin/outcomes/outcomedefinition/")
    expect(page.locator("#outcome-order-list")).to_be_visible()


# --- admin: the outcome definitions' order -------------------------------------------------------------------


def test_dragging_an_outcome_to_the_top_saves_the_new_order(
    page, live_server, administrator, outcomes, pictures
):
    open_outcomes(page, live_server.url, administrator)
    expect(page.locator("#site-name")).to_contain_text("Casework")
    page.locator("li[data-name='Debt free']").drag_to(page.locator("li[data-name='Housed']"))
    expect(page.locator("#outcome-order-status")).to_contain_text("Order saved. Debt free is now number")
    assert shown_order(page) == ["Debt free", "Housed", "Employed"]
    assert saved_order() == ["debt-free", "housed", "employed"]
    page.reload()
    assert shown_order(page) == ["Debt free", "Housed", "Employed"]
    page.screenshot(path=str(pictures / "admin-outcomes-reorder-en.png"), full_page=True)
    assert (pictures / "admin-outcomes-reorder-en.png").stat().st_size > 10_000


def test_the_move_buttons_reorder_from_the_keyboard_and_keep_the_focus(
    page, live_server, administrator, outcomes
):
    open_outcomes(page, live_server.url, administrator)
    page.get_by_role("button", name="Move Housed down").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#outcome-order-status")).to_contain_text("Housed is now number")
    assert shown_order(page) == ["Employed", "Housed", "Debt free"]
    expect(page.get_by_role("button", name="Move Housed down")).to_be_focused()
    page.keyboard.press("Enter")  # again: Housed goes to the end, and its down button is disabled there
    expect(page.get_by_role("button", name="Move Housed down")).to_be_disabled()
    expect(page.get_by_role("button", name="Move Housed up")).to_be_focused()
    expect(page.locator("#outcome-order-status")).to_contain_text("Housed is now number")
    expect(page.locator("#outcome-order-list")).not_to_have_attribute("aria-busy", "true")
    assert saved_order() == ["employed", "debt-free", "housed"]


# --- the case detail's panels --------------------------------------------------------------------------------


def test_adding_and_editing_a_service_in_its_panel(page, live_server, worker):
    case = CaseFactory(assigned_to=worker)
    sign_in(page, live_server.url, worker.email, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    panel = page.locator("#services")
    panel.get_by_text("Add a service").click()
    new = "[name='service-new-{}']".format
    panel.locator(new("service_name")).fill("Budget advice")
    panel.locator(new("service_type")).select_option("financial")
    panel.locator(new("service_provider")).fill("Money Advice Ltd")
    panel.locator(new("service_date")).fill("2026-03-02")
    panel.locator(new("start_time")).fill("10:00")
    panel.locator(new("end_time")).fill("09:00")
    panel.locator(new("cost")).fill("120.50")
    panel.get_by_role("button", name="Add service").click()
    expect(panel.locator(".errorlist")).to_contain_text("The end time must be after the start time.")
    panel.locator(new("end_time")).fill("11:30")
    panel.get_by_role("button", name="Add service").click()
    expect(panel.get_by_role("status")).to_have_text("Service added.")
    expect(panel).to_contain_text("Money Advice Ltd")
    expect(panel).to_contain_text("90 minutes")
    expect(panel).to_contain_text("120.50")

    panel.get_by_text("Edit Budget advice").click()
    panel.locator("li[id^='service-'] select[name$='-status']").select_option("completed")
    panel.get_by_role("button", name="Save service").click()
    expect(panel.get_by_role("status")).to_have_text("Service saved.")
    expect(panel.locator(".service-status")).to_have_text("Completed")


def test_linking_a_case_found_by_number_shows_the_inverse_on_the_other_case(page, live_server, worker):
    case = CaseFactory(title="The child's case")
    other = CaseFactory(title="The mother's case")
    sign_in(page, live_server.url, worker.email, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    panel = page.locator("#relationships")
    panel.get_by_text("Link a case").click()
    search = panel.get_by_label("Find a case by number or title")
    search.fill("mother")
    expect(panel.locator("#link-results input[type=radio]")).to_have_count(1)
    search.fill(other.case_number)  # a second search lands in the same place
    expect(panel.locator("#link-results")).to_contain_text(other.case_number)
    panel.get_by_label(re.compile(re.escape(other.case_number))).check()
    panel.get_by_label("Relationship").select_option("child")
    panel.get_by_role("button", name="Link", exact=True).click()
    expect(panel.get_by_role("status")).to_have_text("Cases linked.")
    expect(panel.locator("li").filter(has_text=other.case_number)).to_contain_text("Child of")

    panel.get_by_role("link", name=other.case_number).click()
    back = page.locator("#relationships li").filter(has_text=case.case_number)
    expect(back).to_contain_text("Parent of")


def test_uploading_a_new_version_lists_both_versions(page, live_server, worker):
    case = CaseFactory(assigned_to=worker)
    document = store_document(case, document_name="visit-notes.txt", uploaded_by=worker)
    sign_in(page, live_server.url, worker.email, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    panel = page.locator("#documents")
    panel.get_by_text("1 version").click()
    panel.locator(f"#id_version-{document.pk}-file").set_input_files(
        {"name": "visit-notes-v2.txt", "mimeType": "text/plain", "buffer": b"The second visit.\n"}
    )
    panel.get_by_role("button", name="Upload new version").click()
    expect(panel.get_by_role("status")).to_have_text("New version uploaded.")
    versions = panel.get_by_role("list", name="Versions of visit-notes-v2.txt").locator("li")
    panel.get_by_text("2 versions").click()
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("Version 2")
    expect(versions.first).to_contain_text("Sam Panels")
    assert CaseDocument.objects.filter(case=case).count() == 2


def test_the_panels_in_danish_and_right_to_left_in_hebrew(page, live_server, worker, pictures):
    case = CaseFactory(assigned_to=worker, title="Husleje og gæld")
    other = CaseFactory(title="Familiens anden sag")
    delivered.add_delivered_service(
        actor=worker,
        case_id=case.pk,
        service_name="Budgetrådgivning",
        service_type="financial",
        service_provider="Gældsrådgivningen",
        service_date=case.intake_date,
        cost="450.00",
        currency="DKK",
    )
    relationships.add_relationship(
        actor=worker, case_id=case.pk, related_case_id=other.pk, relationship_type="related"
    )
    store_document(case, document_name="budget.txt", uploaded_by=worker)
    sign_in(page, live_server.url, worker.email, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("#services")).to_contain_text("Tilføj en ydelse")
    expect(page.locator("#relationships")).to_contain_text("Tilknyt en sag")
    page.locator("#services").get_by_text("Tilføj en ydelse").click()
    page.locator("#services").scroll_into_view_if_needed()
    page.screenshot(path=str(pictures / "case-detail-panels-da.png"), full_page=True)
    assert (pictures / "case-detail-panels-da.png").stat().st_size > 10_000

    page.get_by_role("button", name="עברית").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    panel = page.locator("#services")
    expect(panel).to_contain_text("הוספת שירות")
    box, heading = panel.bounding_box(), panel.locator("h2").bounding_box()
    assert box is not None and heading is not None
    assert heading["x"] + heading["width"] > box["x"] + box["width"] * 0.6  # the heading sits on the right
