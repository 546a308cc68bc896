"""What users wrote keeps its own direction in either UI, and a case's urgency is said once."""

import re

from django.conf import settings

from tests.cases.factories import CaseFactory


def _in_hebrew(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    return client


def test_an_english_case_title_and_description_run_in_their_own_direction_in_the_hebrew_ui(
    client_as, caseworker
):
    case = CaseFactory(title="Utility company disputes payments.", description="Bills since March.")
    html = _in_hebrew(client_as(caseworker)).get(f"/cases/{case.pk}/").content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert '<h1 dir="auto">Utility company disputes payments.</h1>' in html
    assert '<p class="prose" dir="auto">Bills since March.</p>' in html
    assert re.search(rf'dir="auto">{re.escape(str(case.contact))}</a>', html)


def test_case_titles_and_contact_names_in_the_case_list_and_contact_page_run_in_their_own_direction(
    client_as, caseworker
):
    case = CaseFactory(title="Utility company disputes payments.")
    client = _in_hebrew(client_as(caseworker))
    listing = client.get("/cases/").content.decode()
    assert '<span dir="auto">Utility company disputes payments.</span>' in listing
    contact = client.get(f"/contacts/{case.contact_id}/").content.decode()
    assert f'<h1 dir="auto">{case.contact}</h1>' in contact
    assert '<td dir="auto">Utility company disputes payments.</td>' in contact


def test_an_urgent_case_of_urgent_priority_shows_urgent_once_on_the_dashboard(client_as, caseworker):
    CaseFactory(assigned_to=caseworker, priority="urgent", is_urgent=True, title="Evicted tomorrow")
    html = client_as(caseworker).get("/").content.decode()
    row = html[html.index("Evicted tomorrow") :]
    row = row[: row.index("</li>")]
    assert row.count(">Urgent<") == 1
