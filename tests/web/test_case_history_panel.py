"""The case page's History reads as a person would write it, in the reader's language: field labels, people by
name, local times in the locale's format, intake answers and tags as lists; no bookkeeping fields, ids,
microseconds or Python reprs."""

import datetime
import re

import pytest
from django.utils import timezone

from casework.cases.services import change_case_status
from tests.cases.factories import CaseFactory, status

pytestmark = pytest.mark.django_db

MICROSECONDS = re.compile(r"\d\d:\d\d:\d\d\.\d+")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def case(caseworker, manager):
    opened = CaseFactory(
        assigned_to=caseworker,
        created_by=manager,
        modified_by=manager,
        opened_date=datetime.datetime(2026, 12, 3, 6, 16, 51, 132042, tzinfo=datetime.UTC),
        intake_data={"request_summary": "Help with the rent"},
        tags=["benefits", "housing"],
    )
    change_case_status(opened.pk, new_status_id=status("Active").pk, actor=manager, reason="Papers in")
    return opened


def _history(client_as, user, case, language: str) -> str:
    page = client_as(user).get(f"/cases/{case.pk}/", headers={"Accept-Language": language}).content.decode()
    start = page.index('id="history-heading"')
    # What the reader sees: the text, not the machine-readable `datetime` attributes.
    return re.sub(r"<[^>]+>", " ", page[start : page.index("</section>", start)])


@pytest.mark.parametrize("language", ["en", "da", "he"])
def test_the_history_shows_no_internals(client_as, caseworker, case, language):
    history = _history(client_as, caseworker, case, language)

    assert "modified_by" not in history and "row_version" not in history
    assert not UUID.search(history), UUID.search(history)
    assert not MICROSECONDS.search(history)
    assert "+00:00" not in history
    assert "{'" not in history and "['" not in history
    assert "Cass Worker" in history  # the assignee by name
    assert "Max Manager" in history
    assert "Help with the rent" in history and "benefits" in history and "housing" in history


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Opened", "Created", "Intake answers", "What the client asks for", "Tags", "Assigned to"]),
        ("da", ["Åbnet", "Oprettet", "Hvad klienten beder om", "Tildelt"]),
        ("he", ["נפתח", "נוצר"]),
    ],
)
def test_the_history_labels_fields_in_the_readers_language(client_as, caseworker, case, language, labels):
    history = _history(client_as, caseworker, case, language)

    for text in labels:
        assert text in history, text
    assert "opened_date" not in history and "intake_data" not in history


def test_times_are_in_the_readers_time_zone_and_format(client_as, caseworker, case, settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    timezone.deactivate()
    history = _history(client_as, caseworker, case, "da")

    assert "03.12.2026 07:16" in history  # 06:16 UTC is 07:16 in Copenhagen, in Danish notation


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "02/19/2025"), ("da", "19.02.2025"), ("he", "19/02/2025")]
)
def test_a_date_intake_answer_reads_in_the_readers_short_date_format(client_as, caseworker, language, shown):
    from tests.cases.factories import case_type

    case = CaseFactory(
        case_type=case_type("Legal Assistance"),
        assigned_to=caseworker,
        intake_data={"legal_area": "housing", "court_date": "2025-02-19"},
    )
    page = (
        client_as(caseworker)
        .get(f"/cases/{case.pk}/", headers={"Accept-Language": language})
        .content.decode()
    )
    answers = page[page.index('id="intake-heading"') :]
    answers = answers[: answers.index("</section>")]
    assert f'<span dir="auto">{shown}</span>' in answers
    history = _history(client_as, caseworker, case, language)
    assert shown in history
    assert "2025-02-19" not in answers and "2025-02-19" not in history
