"""Outcomes in the UI through the test client: tagging notes, the outcomes report and its CSV, the inbox's mark-read."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework.audit.models import AuditEvent
from casework.cases import services as case_services
from casework.notifications.models import Notification
from casework.notifications.services import notify
from casework.outcomes.models import InteractionOutcomeImpact
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.contacts.factories import ContactFactory
from tests.outcomes.factories import ImpactFactory, OutcomeDefinitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing(db):
    return OutcomeDefinitionFactory(key="housing_stabilized", name="Housing stabilized", sort_order=0)


@pytest.fixture
def employment(db):
    return OutcomeDefinitionFactory(key="employment_obtained", name="Employment obtained", sort_order=1)


@pytest.fixture
def note(db):
    return CaseNoteFactory(case=CaseFactory(), content="Called the landlord about the arrears.")


@pytest.fixture
def employee(db):
    return UserFactory(email="emil.employee@example.org", role_id="employee", first_name="Emil")


def tag_url(note) -> str:
    return reverse("web:tag_note", args=[note.case_id, note.pk])


def field(definition) -> str:
    return f"outcome_{definition.pk.hex}"


HTMX = {"HX-Request": "true"}


# --- tagging a note ---


def test_the_timeline_offers_active_outcomes_in_display_order_on_each_note(
    client_as, caseworker, note, housing, employment
):
    OutcomeDefinitionFactory(key="old", name="Retired outcome", is_active=False)
    page = client_as(caseworker).get(reverse("web:case_detail", args=[note.case_id])).content.decode()
    assert f'id="note-outcomes-{note.pk}"' in page
    assert page.index("Housing stabilized") < page.index("Employment obtained")
    assert "Retired outcome" not in page
    assert f'name="{field(housing)}"' in page


def test_a_caseworker_tags_a_note_and_sees_the_tags(client_as, caseworker, note, housing, employment):
    response = client_as(caseworker).post(
        tag_url(note), {field(housing): "impact", field(employment): "no_impact"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Outcomes saved." in html
    assert 'class="outcome-tag">Housing stabilized' in html
    assert "outcome-tag no-impact" in html
    tags = {
        t.outcome_definition.key: t.impact for t in InteractionOutcomeImpact.objects.filter(interaction=note)
    }
    assert tags == {"housing_stabilized": True, "employment_obtained": False}


def test_saving_replaces_the_tags_and_keeps_the_evidence_of_a_kept_tag(
    client_as, caseworker, note, housing, employment
):
    ImpactFactory(interaction=note, outcome_definition=housing, evidence_note="Letter filed", intensity=4)
    ImpactFactory(interaction=note, outcome_definition=employment)
    client_as(caseworker).post(tag_url(note), {field(housing): "impact", field(employment): ""}, headers=HTMX)
    tag = InteractionOutcomeImpact.objects.get(interaction=note)
    assert (tag.outcome_definition, tag.evidence_note, tag.intensity) == (housing, "Letter filed", 4)


def test_an_outcome_disabled_meanwhile_is_refused_next_to_its_choice(client_as, caseworker, note, housing):
    housing.is_active = False
    housing.save()
    response = client_as(caseworker).post(tag_url(note), {field(housing): "impact"}, headers=HTMX)
    html = response.content.decode()
    assert "is no longer in use" in html
    assert f'id="note-{note.pk.hex}-{field(housing)}_error"' in html
    assert re.search(rf'<select name="{field(housing)}"[^>]*autofocus', html)
    assert not InteractionOutcomeImpact.objects.exists()


def test_the_timeline_reads_the_same_number_of_queries_for_one_tagged_note_or_many(
    client_as, caseworker, note, housing, employment
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(caseworker)
    url = reverse("web:case_detail", args=[note.case_id])
    ImpactFactory(interaction=note, outcome_definition=housing)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        more = CaseNoteFactory(case=note.case)
        ImpactFactory(interaction=more, outcome_definition=housing)
        ImpactFactory(interaction=more, outcome_definition=employment)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('class="outcome-tag">Housing stabilized') == 6
    assert len(many) == len(one)


def test_a_viewer_may_not_tag_and_sees_no_tagging_form(client_as, viewer, note, housing):
    client = client_as(viewer)
    assert client.post(tag_url(note), {field(housing): "impact"}).status_code == 403
    page = client.get(reverse("web:case_detail", args=[note.case_id])).content.decode()
    assert "Tag outcomes" not in page


def test_a_note_of_another_case_is_404(client_as, caseworker, note, housing):
    other = CaseFactory()
    url = reverse("web:tag_note", args=[other.pk, note.pk])
    assert client_as(caseworker).post(url, {field(housing): "impact"}).status_code == 404


def test_a_new_note_can_carry_outcomes(client_as, caseworker, housing, employment):
    case = CaseFactory()
    response = client_as(caseworker).post(
        reverse("web:add_note", args=[case.pk]),
        {"note_type": "call", "content": "Keys handed over", "outcome_impacts": [str(housing.pk)]},
    )
    assert response.status_code == 302
    tag = InteractionOutcomeImpact.objects.get()
    assert (tag.interaction.content, tag.outcome_definition, tag.impact) == (
        "Keys handed over",
        housing,
        True,
    )


# --- the report ---


@pytest.fixture
def tagged(db, caseworker, housing, employment):
    """Two clients helped towards housing (one of them twice), one towards employment, all this week."""
    first, second = ContactFactory(), ContactFactory()
    for contact, definition in ((first, housing), (first, housing), (second, housing), (second, employment)):
        note = case_services.add_note(
            actor=caseworker, case_id=CaseFactory(contact=contact).pk, content="Visit"
        )
        ImpactFactory(interaction=note, outcome_definition=definition)
    return first, second


def test_the_report_shows_totals_and_a_chart_with_filters_from_the_url(client_as, caseworker, tagged):
    response = client_as(caseworker).get(reverse("web:outcomes_report") + "?bucket=month")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Impacts per month" in html
    assert "Housing stabilized" in html
    totals = response.context["chart"]["totals"]
    assert [(t["key"], t["countImpacts"], t["uniqueClientsImpacted"]) for t in totals] == [
        ("housing_stabilized", 3, 2),
        ("employment_obtained", 1, 1),
    ]
    assert 'value="month" selected' in html


def test_the_report_filters_by_staff_and_interaction_type(client_as, caseworker, manager, housing):
    for author, kind in ((caseworker, "call"), (caseworker, "meeting"), (manager, "call")):
        note = case_services.add_note(actor=author, case_id=CaseFactory().pk, content="Visit", note_type=kind)
        ImpactFactory(interaction=note, outcome_definition=housing)
    url = reverse("web:outcomes_report") + f"?staff={caseworker.pk}&interaction_type=call"
    totals = client_as(caseworker).get(url).context["chart"]["totals"]
    assert [(t["key"], t["countImpacts"]) for t in totals] == [("housing_stabilized", 1)]


def test_the_report_reads_a_fixed_number_of_queries(
    client_as, caseworker, tagged, django_assert_max_num_queries
):
    client = client_as(caseworker)
    client.get(reverse("web:outcomes_report"))
    with django_assert_max_num_queries(8):
        client.get(reverse("web:outcomes_report"))


def test_a_bad_date_is_shown_next_to_the_field(client_as, caseworker):
    response = client_as(caseworker).get(reverse("web:outcomes_report") + "?date_from=2026-13-40")
    assert response.status_code == 422
    assert 'id="id_date_from_error"' in response.content.decode()


def test_an_end_before_the_start_is_shown_next_to_the_end(client_as, caseworker):
    response = client_as(caseworker).get(
        reverse("web:outcomes_report") + "?date_from=2026-05-02&date_to=2026-05-01"
    )
    assert response.status_code == 422
    assert 'id="id_date_to_error"' in response.content.decode()


def test_the_report_is_for_those_who_may_view_reports(client_as, employee):
    assert client_as(employee).get(reverse("web:outcomes_report")).status_code == 403
    assert client_as(employee).get(reverse("web:outcomes_report_csv")).status_code == 403


def test_the_navigation_links_the_report_for_report_viewers(client_as, viewer):
    assert reverse("web:outcomes_report") in client_as(viewer).get("/").content.decode()


def test_the_csv_has_the_reports_rows_and_is_audited(client_as, caseworker, tagged, housing):
    today = timezone.localdate()
    query = f"?date_from={today - dt.timedelta(days=7)}&date_to={today}&bucket=week"
    response = client_as(caseworker).get(reverse("web:outcomes_report_csv") + query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="outcomes-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    monday = (today - dt.timedelta(days=today.weekday())).isoformat()
    assert rows[0] == ["Period", "Outcome key", "Outcome", "Impacts", "Unique clients"]
    assert rows[1:3] == [
        ["Total", "housing_stabilized", "Housing stabilized", "3", "2"],
        ["Total", "employment_obtained", "Employment obtained", "1", "1"],
    ]
    assert rows[3:] == [
        [monday, "housing_stabilized", "Housing stabilized", "3", "2"],
        [monday, "employment_obtained", "Employment obtained", "1", "1"],
    ]
    event = AuditEvent.objects.get(verb="outcomes_report.exported")
    assert event.actor == caseworker
    assert event.data["filters"]["bucket"] == "week"


def test_the_csv_neutralises_formula_cells(client_as, caseworker, note):
    formula = OutcomeDefinitionFactory(key="formula", name='=HYPERLINK("http://x")')
    ImpactFactory(interaction=note, outcome_definition=formula)
    response = client_as(caseworker).get(reverse("web:outcomes_report_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'


def test_the_csv_with_a_bad_date_shows_the_form_again(client_as, caseworker):
    response = client_as(caseworker).get(reverse("web:outcomes_report_csv") + "?date_to=yesterday")
    assert response.status_code == 422
    assert 'id="id_date_to_error"' in response.content.decode()
    assert not AuditEvent.objects.filter(verb="outcomes_report.exported").exists()


# --- mark-read in the inbox ---


def test_marking_one_notification_read_leaves_the_others(client_as, caseworker):
    first = notify(recipient=caseworker, kind="test", title="Case moved")
    notify(recipient=caseworker, kind="test", title="New case assigned")
    response = client_as(caseworker).post(reverse("web:notification_read", args=[first.pk]), headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Case moved" not in html and "New case assigned" in html
    assert list(Notification.objects.filter(is_read=False).values_list("title", flat=True)) == [
        "New case assigned"
    ]


def test_marking_all_read_empties_the_inbox(client_as, caseworker):
    notify(recipient=caseworker, kind="test", title="Case moved")
    notify(recipient=caseworker, kind="test", title="New case assigned")
    response = client_as(caseworker).post(reverse("web:notifications_read_all"), headers=HTMX)
    assert "Nothing new." in response.content.decode()
    assert not Notification.objects.filter(recipient=caseworker, is_read=False).exists()


def test_someone_elses_notification_is_404(client_as, caseworker, viewer):
    theirs = notify(recipient=viewer, kind="test", title="Not yours")
    assert client_as(caseworker).post(reverse("web:notification_read", args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).is_read is False


def test_without_htmx_mark_read_returns_to_the_dashboard(client_as, caseworker):
    mine = notify(recipient=caseworker, kind="test", title="Case moved")
    response = client_as(caseworker).post(reverse("web:notification_read", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("web:dashboard")


# The month names a reader of each language expects (an independent list, not Django's catalog).
MONTHS = {
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"],
    "he": ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר",
           "דצמבר"],
}  # fmt: skip


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(
    ("language", "ticks"),
    [
        ("da", ["dec. 2025", "jan. 2026", "feb.", "marts"]),
        ("he", ["דצמ' 2025", "יאנ' 2026", "פבר'", "מרץ"]),
        ("en", ["Dec. 2025", "Jan. 2026", "Feb.", "March"]),
    ],
)
def test_the_monthly_report_names_its_months_in_the_readers_language(client_as, caseworker, language, ticks):
    url = reverse("web:outcomes_report") + "?bucket=month&date_from=2025-12-01&date_to=2026-03-31"
    html = in_language(client_as(caseworker), language).get(url).content.decode()
    assert [unescape(tick) for tick in re.findall(r'<span class="tick">([^<]*)</span>', html)] == ticks


@pytest.mark.parametrize("language", ["da", "he"])
def test_the_monthly_reports_table_names_each_month_and_year_in_the_readers_language(
    client_as, caseworker, tagged, language
):
    today = timezone.localdate()
    url = (
        reverse("web:outcomes_report") + f"?bucket=month&date_from={today:%Y-%m-01}&date_to={today:%Y-%m-%d}"
    )
    html = in_language(client_as(caseworker), language).get(url).content.decode()
    table = html[html.index("<details>") : html.index("</details>")]
    month = f"{MONTHS[language][today.month - 1]} {today.year}"
    assert f"<tr><td>{month}</td>" in table
    assert f'title="{month}: ' in html
