"""Nature Check in a real browser (Debian's chromium via Playwright), in Danish: an employee adds a farm in the
dialog and assigns it a consultant. The screenshots go to docs/screenshots/ only with CASEWORK_SCREENSHOTS=1."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from casework.accounts.models import User
from casework.naturecheck.models import Farm, NatureCheckCase
from tests.accounts.factories import PASSWORD
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import ConsultantFactory, EmployeeFactory, FarmerFactory, FarmFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "casework-demo-2026"
BROWSER_WIDTH = 1366  # the window the screenshots in docs/ were taken at


@pytest.fixture(autouse=True)
def _seeded(live_server):
    reseed()


@pytest.fixture
def employee(_seeded):
    return EmployeeFactory(email="sofie.hansen@arla.example", first_name="Sofie", last_name="Hansen")


@pytest.fixture
def farm(_seeded):
    contact = ContactFactory(first_name="Jens", last_name="Mikkelsen", email="jens@enggaarden.example")
    owner = FarmerFactory(contact=contact, email="jens@enggaarden.example")
    return FarmFactory(name="Enggården", cvr="12345678", owner=owner)


def test_an_employee_assigns_a_nature_check_case_in_danish(page, live_server, employee, farm):
    ConsultantFactory(first_name="Mette", last_name="Jensen")
    sign_in(page, live_server.url, employee.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/naturecheck/$"))  # employees land on their module
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Gårde")
    row = page.locator(f"#farm-{farm.pk}")
    expect(row).to_contain_text("Ikke tilføjet")
    row.get_by_role("link", name="Tildel").click()

    button = page.get_by_role("button", name="Lav natur Check opgave")
    expect(button).to_be_visible()
    page.locator("#id_consultant").select_option(label="Mette Jensen (0 aktive opgaver)")
    page.get_by_label("Prioritet").select_option(label="Høj")
    page.get_by_label("Noter").fill("Kig på vandhullet ved engen")
    button.click()

    expect(page.locator(".messages")).to_have_text("Natur Check opgave er oprettet for Enggården.")
    expect(page.locator(f"#farm-{farm.pk}")).to_contain_text("Tilføjet")
    case = NatureCheckCase.objects.get(farm=farm)
    assert (case.priority, case.notes, case.status) == ("High", "Kig på vandhullet ved engen", "Assigned")

    page.locator(f"#farm-{farm.pk}").get_by_role("link", name="Opdater opgave").click()
    expect(page.get_by_role("button", name="Opdater Natur Check opgave")).to_be_visible()
    expect(page.get_by_label("Prioritet")).to_have_value("High")


def test_a_farm_is_added_in_the_htmx_dialog_after_fixing_the_cvr_number(page, live_server, employee):
    sign_in(page, live_server.url, employee.email, PASSWORD)
    page.goto(f"{live_server.url}/naturecheck/")
    page.get_by_role("link", name="Tilføj gård").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Gårdens navn").fill("Højgården")
    dialog.get_by_label("CVR-nummer").fill("1234")
    dialog.get_by_label("Vej og nummer").fill("Højvej 3")
    dialog.get_by_label("Postnummer").fill("8600")
    dialog.locator("#id_city").fill("Silkeborg")
    dialog.get_by_label("Ejerens fornavn").fill("Karen")
    dialog.get_by_label("Ejerens efternavn").fill("Holm")
    dialog.get_by_label("Ejerens e-mail").fill("karen@hoejgaarden.example")
    dialog.get_by_role("button", name="Tilføj gård").click()
    expect(page.get_by_role("dialog")).to_contain_text("CVR-nummeret skal bestå af præcis 8 cifre.")
    page.get_by_role("dialog").get_by_label("CVR-nummer").fill("23456789")
    page.get_by_role("dialog").get_by_role("button", name="Tilføj gård").click()
    expect(page.locator(".messages")).to_have_text("Gården Højgården er tilføjet.")
    assert Farm.objects.get(cvr="23456789").country == "Danmark"


def test_a_stale_farm_edit_in_the_dialog_shows_the_conflict_banner_and_re_applies_the_typed_values(
    page, live_server, employee, farm
):
    from casework.naturecheck import services

    sign_in(page, live_server.url, employee.email, PASSWORD)
    page.goto(f"{live_server.url}/naturecheck/")
    page.locator(f"#farm-{farm.pk}").get_by_role("link", name="Redigér").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Gårdens navn").fill("Enggården Nord")
    # Meanwhile a colleague moves the farm to another city.
    colleague = EmployeeFactory(first_name="Karen", last_name="Holm")
    services.update_farm(
        farm.pk, actor=colleague, changes={"city": "Ikast"}, expected_version=farm.row_version
    )
    dialog.get_by_role("button", name="Gem gården").click()

    banner = page.get_by_role("dialog").get_by_role("alert")
    expect(banner).to_contain_text("En anden bruger (Karen Holm) har ændret gården, mens du redigerede den.")
    expect(banner.locator("tbody tr")).to_have_count(1)
    expect(banner.locator("tbody tr")).to_contain_text("Ikast")
    expect(page.get_by_role("dialog").get_by_label("Gårdens navn")).to_have_value("Enggården Nord")
    banner.get_by_role("button", name="Anvend mine værdier").click()

    expect(page.locator(".messages")).to_have_text("Gården Enggården Nord er gemt.")
    farm.refresh_from_db()
    assert farm.name == "Enggården Nord" and farm.row_version == 3


def test_english_can_be_chosen_on_the_nature_check_pages(page, live_server, employee, farm):
    sign_in(page, live_server.url, employee.email, PASSWORD)
    page.goto(f"{live_server.url}/naturecheck/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Farms")
    expect(page.locator(f"#farm-{farm.pk}")).to_contain_text("Not added")


def test_screenshots_of_the_farm_list_and_the_assignment_form_in_danish(page, live_server, tmp_path):
    call_command("demo", contacts=5, cases=5, stdout=open(os.devnull, "w"))  # noqa: SIM115
    target = DOCS if os.environ.get("CASEWORK_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    employee = User.objects.filter(role_id="employee").order_by("first_name").last()
    assert employee is not None
    sign_in(page, live_server.url, employee.email, DEMO_PASSWORD)

    page.goto(f"{live_server.url}/naturecheck/")
    expect(page.locator("#results table")).to_be_visible()
    page.screenshot(path=str(target / "naturecheck-farms-da.png"), full_page=True)

    unassigned = Farm.objects.with_assignment("unassigned", viewer=employee).order_by("name").first()
    assert unassigned is not None
    page.goto(f"{live_server.url}/naturecheck/farms/{unassigned.pk}/")
    page.locator("#id_consultant").select_option(index=2)
    page.get_by_label("Prioritet").select_option(label="Haster")
    page.get_by_label("Noter").fill("Ring til ejeren en dag før besøget.")
    expect(page.get_by_role("button", name="Lav natur Check opgave")).to_be_visible()
    page.screenshot(path=str(target / "naturecheck-assign-da.png"), full_page=True)
    page.get_by_role("button", name="Lav natur Check opgave").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("Natur Check opgave er oprettet for"))

    for name in ("naturecheck-farms-da.png", "naturecheck-assign-da.png"):
        assert (target / name).stat().st_size > 10_000
