"""What users wrote keeps its own direction in either UI, and a case's urgency is said once."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

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
    assert '<span dir="auto">Utility company disputes payments.</span></td>' in contact


def test_an_urgent_case_of_urgent_priority_shows_urgent_once_on_the_dashboard(client_as, caseworker):
    CaseFactory(assigned_to=caseworker, priority="urgent", is_urgent=True, title="Evicted tomorrow")
    html = client_as(caseworker).get("/").content.decode()
    row = html[html.index("Evicted tomorrow") :]
    row = row[: row.index("</li>")]
    assert row.count(">Urgent<") == 1


@pytest.mark.parametrize(
    ("language", "due", "other_formats"),
    [
        ("en", "03/05/2026", [r"\b05/03/2026", r"05\.03\.2026", r"March 5, 2026"]),
        ("da", "05.03.2026", [r"03/05/2026", r"05/03/2026", r"5\. marts 2026"]),
        ("he", "05/03/2026", [r"03/05/2026", r"05\.03\.2026"]),
    ],
)
def test_the_case_page_writes_every_date_in_the_one_short_format_of_its_language(
    client_as, caseworker, language, due, other_formats
):
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 30))
    case = CaseFactory(due_date=datetime.date(2026, 3, 5), intake_date=moment)
    client = client_as(caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert html.count(due) >= 2  # the due date and the intake date
    for other in other_formats:
        assert not re.search(other, html), other


def test_the_dashboard_week_ticks_follow_the_languages_day_and_month_order(client_as, caseworker):
    CaseFactory(assigned_to=caseworker)
    client = client_as(caseworker)
    ticks = {}
    for language in ("en", "da"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get("/").content.decode()
        ticks[language] = re.findall(r'<span class="tick">([^<]*)</span>', html)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert monday.strftime("%m/%d") in ticks["en"]
    assert monday.strftime("%d.%m") in ticks["da"]


@pytest.mark.django_db
def test_history_values_and_the_farm_lists_names_run_in_their_own_direction_in_the_hebrew_ui(
    client_as, caseworker
):
    from tests.naturecheck.factories import EmployeeFactory, FarmFactory

    case = CaseFactory(title="Utility company disputes payments.")
    page = _in_hebrew(client_as(caseworker)).get(f"/cases/{case.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    assert re.search(r'<span class="new" dir="auto">\s*Utility company disputes payments\.', history)

    farm = FarmFactory(name="Enggården", street="Engvej 12", postal_code="7400", city="Herning")
    farms = _in_hebrew(client_as(EmployeeFactory())).get("/naturecheck/").content.decode()
    assert 'dir="auto">Enggården</a>' in farms
    assert '<span dir="auto">Engvej 12, 7400 Herning</span></td>' in farms
    assert f'<span dir="auto">{farm.owner.contact}</span></td>' in farms
