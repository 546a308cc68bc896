"""The caseworker's day in a real browser (Debian's chromium via Playwright) against a live server."""

import re

import pytest
from django.utils import timezone

from casework.cases import services
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cases.factories import CaseFactory, status
from tests.contacts.factories import ContactFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _seeded(live_server):
    reseed()


@pytest.fixture
def worker(_seeded):
    return UserFactory(
        email="sam.worker@example.org", role_id="manager", first_name="Sam", last_name="Worker"
    )


@pytest.fixture
def signed_in(page, live_server, worker):
    sign_in(page, live_server.url, worker.email, PASSWORD)
    return page


def test_signing_in_shows_the_dashboard_and_signing_out_ends_it(page, live_server, worker):
    page.goto(f"{live_server.url}/cases/")
    assert "/signin/" in page.url
    sign_in(page, live_server.url, worker.email, PASSWORD)
    expect(page.locator("h1")).to_have_text("Dashboard")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("Sign in")


def test_a_case_is_opened_through_intake_after_fixing_a_custom_field(signed_in, live_server):
    page = signed_in
    ContactFactory(first_name="Ingrid", last_name="Holm")
    page.get_by_role("link", name="New case").click()
    page.get_by_label("Find a contact").fill("Ingrid")
    page.get_by_label(re.compile("Ingrid Holm")).check()
    page.get_by_label("Case type").select_option(label="Housing")
    household = page.get_by_label("Household size *")
    expect(household).to_be_visible()
    page.get_by_label("Title").fill("Family needs a bigger flat")
    household.fill("40")
    page.get_by_role("button", name="Open case").click()

    error = page.locator("#id_intake_household_size_error")
    expect(error).to_have_text("Must be at most 30")
    expect(page.get_by_label("Household size *")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Household size *").fill("4")
    page.get_by_role("button", name="Open case").click()
    expect(page.locator("h1")).to_have_text("Family needs a bigger flat")
    expect(page.locator(".messages")).to_contain_text("opened")
    expect(page.locator(".answers")).to_contain_text("Household size")


def test_a_contact_registered_inline_is_chosen_for_the_new_case(signed_in, live_server):
    page = signed_in
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_text("Register a new contact").click()
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Berg")
    page.get_by_role("button", name="Create contact").click()
    expect(page.get_by_label(re.compile("Nora Berg"))).to_be_checked()


def test_changing_the_status_asks_for_a_reason_where_needed_and_notes_land_on_the_timeline(
    signed_in, live_server
):
    page = signed_in
    case = CaseFactory(title="Rent arrears")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("#status-form #id_reason")).to_have_count(0)
    page.get_by_label("New status").select_option(label="Cancelled")
    page.locator("#status-form").get_by_label("Reason").fill("Client moved away")
    page.locator("#status-form").get_by_role("button", name="Change status").click()
    expect(page.locator(".case-header .badge")).to_have_text("Cancelled")
    expect(page.locator(".timeline")).to_contain_text("Client moved away")

    page.locator("#id_content").fill("Called the landlord about the deposit")
    page.get_by_label("Internal (staff only)").check()
    page.get_by_role("button", name="Add note").click()
    entry = page.locator(".timeline li").filter(has_text="Called the landlord")
    expect(entry).to_have_count(1)
    expect(entry.locator(".internal-badge")).to_have_text("Internal")


def test_a_stale_edit_shows_the_conflict_and_reload_brings_the_other_change(signed_in, live_server, worker):
    page = signed_in
    case = CaseFactory(title="Original title")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    services.update_case(case.pk, actor=worker, changes={"title": "Changed elsewhere"}, expected_version=1)
    page.locator("#edit-form").get_by_label("Title").fill("My title")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone else changed this case")
    page.get_by_role("link", name="Reload").click()
    expect(page.locator("h1")).to_have_text("Changed elsewhere")


def test_case_list_filters_update_the_results_and_the_address(signed_in, live_server):
    page = signed_in
    CaseFactory(title="High one", priority="high")
    CaseFactory(title="Low one", priority="low", due_date=timezone.localdate())
    page.get_by_role("link", name="Cases", exact=True).click()
    expect(page.locator("#results")).to_contain_text("Low one")
    page.get_by_label("Priority").select_option(label="High")
    expect(page.locator("#results")).not_to_contain_text("Low one")
    expect(page).to_have_url(re.compile(r"priority=high"))
    page.reload()
    expect(page.locator("#results")).to_contain_text("High one")
    expect(page.locator("#results")).not_to_contain_text("Low one")


def test_sort_headers_and_the_pager_work_on_the_unfiltered_list(signed_in, live_server):
    # The unfiltered list is the one a caseworker meets first; its links once came out as `??page=2` and did nothing.
    page = signed_in
    for number in range(30):
        CaseFactory(title=f"Listed {number:02d}")
    page.goto(f"{live_server.url}/cases/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(25)
    first_page = rows.first.inner_text()
    page.locator("#results").get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"/cases/\?page=2$"))
    expect(rows).to_have_count(5)
    assert first_page not in page.locator("#results").inner_text()
    page.locator("#results thead").get_by_role("link", name="Title").click()
    expect(page).to_have_url(re.compile(r"/cases/\?sort=title$"))
    expect(page.locator("#results thead th[aria-sort=ascending]")).to_have_text("Title")
    expect(rows.first).to_contain_text("Listed 00")
    page.locator("#results thead").get_by_role("link", name="Title").click()
    expect(page).to_have_url(re.compile(r"sort=-title$"))
    expect(rows.first).to_contain_text("Listed 29")
    page.reload()
    expect(rows.first).to_contain_text("Listed 29")


def test_the_api_reference_renders_from_our_own_files_under_the_content_security_policy(page, live_server):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url),
    )
    page.goto(f"{live_server.url}/api/docs")
    # Swagger UI parses the whole schema before it draws anything: on a busy machine that takes seconds.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Casework", timeout=60_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/cases/{case_id}").first).to_be_visible()
    assert refused == []
    assert outside == []


def test_bulk_assign_reports_each_row(signed_in, live_server, worker):
    page = signed_in
    case = CaseFactory(title="Needs someone", status=status("Active"))
    page.goto(f"{live_server.url}/cases/")
    page.locator(f"#select-{case.pk}").check()
    page.locator("#bulk-form").get_by_label("Assign to").select_option(label="Sam Worker")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#results")).to_contain_text("1 of 1 cases assigned")
    expect(page.locator(".row-ok")).to_have_text("Assigned")


def test_switching_to_danish_shows_danish_labels(signed_in, live_server):
    page = signed_in
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Oversigt")
    expect(page.get_by_role("link", name="Sager", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Ny sag")).to_be_visible()


def test_hebrew_pages_run_right_to_left_with_a_mirrored_layout(signed_in, live_server):
    page = signed_in
    page.get_by_role("button", name="עברית").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("לוח בקרה")
    brand = page.locator(".brand").bounding_box()
    assert brand is not None and brand["x"] > 1280 / 2  # the brand sits at the right edge
