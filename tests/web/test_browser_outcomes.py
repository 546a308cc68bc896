"""Outcomes in a real browser: tag a note, read the outcomes report by week and download it, clear the inbox.

The report is photographed in English, Danish and Hebrew: into docs/screenshots/ with CASEWORK_SCREENSHOTS=1,
otherwise into the test's temporary directory (the pages are exercised either way).
"""

import csv
import datetime as dt
import io
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from casework.cases.models import CaseNote
from casework.notifications.services import notify
from casework.outcomes.models import InteractionOutcomeImpact
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.contacts.factories import ContactFactory
from tests.outcomes.factories import ImpactFactory, OutcomeDefinitionFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _seeded(live_server):
    reseed()


@pytest.fixture
def worker(_seeded):
    return UserFactory(
        email="cora.worker@example.org", role_id="caseworker", first_name="Cora", last_name="Worker"
    )


@pytest.fixture
def signed_in(page, live_server, worker):
    sign_in(page, live_server.url, worker.email, PASSWORD)
    return page


@pytest.fixture
def definitions(_seeded):
    return [
        OutcomeDefinitionFactory(key="housing_stabilized", name="Housing stabilized", sort_order=0),
        OutcomeDefinitionFactory(key="employment_obtained", name="Employment obtained", sort_order=1),
        OutcomeDefinitionFactory(key="benefits_secured", name="Benefits secured", sort_order=2),
    ]


def test_a_caseworker_tags_a_note_from_the_timeline(signed_in, live_server, worker, definitions):
    page = signed_in
    note = CaseNoteFactory(case=CaseFactory(), content="Signed the lease today.", created_by=worker)
    page.goto(f"{live_server.url}/cases/{note.case_id}/")
    entry = page.locator(f"#note-{note.pk}")
    entry.get_by_text("Tag outcomes").click()
    entry.get_by_label("Housing stabilized").select_option(label="Impact")
    entry.get_by_label("Employment obtained").select_option(label="No impact")
    entry.get_by_role("button", name="Save outcomes").click()

    expect(entry.get_by_role("status")).to_have_text("Outcomes saved.")
    expect(entry.locator(".outcome-tag").first).to_have_text("Housing stabilized")
    expect(entry.locator(".outcome-tag.no-impact")).to_contain_text("Employment obtained")
    tags = {
        t.outcome_definition.key: t.impact for t in InteractionOutcomeImpact.objects.filter(interaction=note)
    }
    assert tags == {"housing_stabilized": True, "employment_obtained": False}


def _spread_impacts(worker, definitions, *, weeks: int = 10) -> Counter:
    """Tagged notes over the last weeks (a few per week, on different clients); returns impacts per (Monday, key)."""
    expected: Counter = Counter()
    now = timezone.localtime()
    for week in range(weeks):
        for n in range(1 + (week * 7) % 4):
            when = now - dt.timedelta(weeks=week, days=n % 3)
            note = CaseNoteFactory(
                case=CaseFactory(contact=ContactFactory()), created_by=worker, note_type="call"
            )
            CaseNote.objects.filter(pk=note.pk).update(created_at=when)
            definition = definitions[(week + n) % len(definitions)]
            ImpactFactory(interaction=note, outcome_definition=definition)
            day = timezone.localtime(when).date()
            expected[(day - dt.timedelta(days=day.weekday()), definition.key)] += 1
    return expected


def test_the_outcomes_report_by_week_is_downloaded_as_csv_and_photographed(
    signed_in, live_server, worker, definitions, tmp_path
):
    page = signed_in
    expected = _spread_impacts(worker, definitions)
    target = DOCS if os.environ.get("CASEWORK_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/reports/outcomes/?bucket=month")
    expect(page.get_by_role("heading", name="Impacts per month")).to_be_visible()
    page.get_by_label("Group by").select_option(label="Week")
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", name="Impacts per week")).to_be_visible()
    assert "bucket=week" in page.url

    totals = page.locator("table.totals tbody tr")
    expect(totals).to_have_count(3)
    expect(totals.first).to_contain_text("Housing stabilized")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert re.match(r"outcomes-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-week\.csv", download.suggested_filename)
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["Period", "Outcome key", "Outcome", "Impacts", "Unique clients"]
    series = {(dt.date.fromisoformat(r[0]), r[1]): int(r[3]) for r in rows[1:] if r[0] != "Total"}
    assert series == dict(expected)
    total_rows = {r[1]: int(r[3]) for r in rows[1:] if r[0] == "Total"}
    for definition in definitions:
        assert total_rows[definition.key] == sum(
            n for (_, key), n in expected.items() if key == definition.key
        )

    page.screenshot(path=str(target / "outcomes-report-en.png"), full_page=True)
    for language, button, heading in (
        ("da", "Dansk", "Effekter pr. uge"),
        ("he", "עברית", "השפעות לפי שבוע"),
    ):
        page.get_by_role("button", name=button).click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert "bucket=week" in page.url
        page.screenshot(path=str(target / f"outcomes-report-{language}.png"), full_page=True)
    page.get_by_role("button", name="English").click()
    for language in ("en", "da", "he"):
        assert (target / f"outcomes-report-{language}.png").stat().st_size > 10_000


def test_notifications_are_marked_read_one_and_all(signed_in, live_server, worker):
    page = signed_in
    for title in ("Case 2026-0001 was assigned to you", "Case 2026-0002 is due tomorrow", "A note was added"):
        notify(recipient=worker, kind="test", title=title)
    page.goto(f"{live_server.url}/")
    inbox = page.locator("#notifications")
    expect(inbox.locator("li")).to_have_count(3)
    inbox.get_by_role("button", name=re.compile(r"^Mark read.*due tomorrow")).click()
    expect(inbox.locator("li")).to_have_count(2)
    expect(inbox).not_to_contain_text("due tomorrow")
    inbox.get_by_role("button", name="Mark all read").click()
    expect(inbox).to_contain_text("Nothing new.")
    page.reload()
    expect(page.locator("#notifications")).to_contain_text("Nothing new.")
