"""The outcomes report reads copies of the note on each tag: they are set when tagging, refilled by
`rebuild_report_columns` after a bulk load, and the report's numbers equal a count through the notes."""

import datetime as dt
import random

import pytest
from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth
from django.utils import timezone

from casework.cases import services as case_services
from casework.cases.models import CaseNote
from casework.outcomes.models import InteractionOutcomeImpact
from casework.outcomes.querysets import outcomes_report
from casework.outcomes.services import rebuild_report_columns, save_interaction_outcomes
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type
from tests.contacts.factories import ContactFactory
from tests.outcomes.factories import OutcomeDefinitionFactory

pytestmark = pytest.mark.django_db


def report(**filters):
    today = timezone.localdate()
    impacts = InteractionOutcomeImpact.objects.counted_in_report(
        date_from=today - dt.timedelta(days=365), date_to=today, **filters
    )
    return outcomes_report(impacts, bucket="month")


def counted_through_the_notes(**filters):
    """The report's figures the way it counted before the copies: joining notes and cases."""
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(today - dt.timedelta(days=365), dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    impacts = InteractionOutcomeImpact.objects.filter(
        impact=True,
        interaction__created_at__gte=start,
        interaction__created_at__lt=end,
        outcome_definition__is_reportable=True,
        **filters,
    ).order_by()
    totals = {
        row["outcome_definition_id"]: (row["n"], row["clients"])
        for row in impacts.values("outcome_definition_id").annotate(
            n=Count("id"), clients=Count("interaction__case__contact_id", distinct=True)
        )
    }
    series = {
        (row["bucket"], row["outcome_definition_id"]): (row["n"], row["clients"])
        for row in impacts.annotate(bucket=TruncMonth("interaction__created_at", output_field=DateField()))
        .values("bucket", "outcome_definition_id")
        .annotate(n=Count("id"), clients=Count("interaction__case__contact_id", distinct=True))
    }
    return totals, series


def as_counts(body):
    totals = {
        row["outcomeDefinitionId"]: (row["countImpacts"], row["uniqueClientsImpacted"])
        for row in body["totalsByOutcome"]
    }
    series = {
        (row["bucketStart"], row["outcomeDefinitionId"]): (row["countImpacts"], row["uniqueClientsImpacted"])
        for row in body["timeseries"]
    }
    return totals, series


@pytest.fixture
def tagged(manager):
    """Notes by two authors on cases of a few clients over the last year and a half, tagged through the
    services (some in the same call as the note, some afterwards), some "no impact"."""
    rng = random.Random(17)
    authors = [manager, UserFactory(role_id="caseworker")]
    definitions = [OutcomeDefinitionFactory() for _ in range(3)]
    OutcomeDefinitionFactory(is_reportable=False)
    clients = [ContactFactory() for _ in range(4)]
    cases = [
        case_services.open_case(
            actor=manager, contact_id=rng.choice(clients).pk, case_type_id=case_type().pk, title=f"Case {i}"
        )
        for i in range(6)
    ]
    for i in range(30):
        case = rng.choice(cases)
        impacts = [
            {"outcome_definition_id": d.pk, "impact": rng.random() < 0.8}
            for d in rng.sample(definitions, k=rng.randint(1, 3))
        ]
        author = rng.choice(authors)
        note_type = rng.choice(["note", "call", "meeting"])
        if i % 2:
            note = case_services.add_note(
                actor=author, case_id=case.pk, content="Met", note_type=note_type, outcome_impacts=impacts
            )
        else:
            note = case_services.add_note(actor=author, case_id=case.pk, content="Met", note_type=note_type)
        # Spread the notes over time before the later taggings copy them (created_at is auto_now_add).
        CaseNote.objects.filter(pk=note.pk).update(
            created_at=timezone.now() - dt.timedelta(days=rng.randint(0, 540), hours=rng.randint(0, 23))
        )
        if not i % 2:
            save_interaction_outcomes(actor=author, case_id=case.pk, interaction_id=note.pk, impacts=impacts)
    # The notes tagged together with their creation were moved in time afterwards: refresh their copies.
    rebuild_report_columns()
    return authors


def test_the_report_equals_a_count_through_the_notes(tagged):
    assert as_counts(report()) == counted_through_the_notes()
    author = tagged[1]
    assert as_counts(report(staff_id=author.pk)) == counted_through_the_notes(
        interaction__created_by_id=author.pk
    )
    assert as_counts(report(interaction_type="call")) == counted_through_the_notes(
        interaction__note_type="call"
    )


def test_tagging_copies_the_note_onto_the_tag(manager):
    definition = OutcomeDefinitionFactory()
    contact = ContactFactory()
    case = case_services.open_case(
        actor=manager, contact_id=contact.pk, case_type_id=case_type().pk, title="Copies"
    )
    note = case_services.add_note(
        actor=manager,
        case_id=case.pk,
        content="Called",
        note_type="call",
        outcome_impacts=[{"outcome_definition_id": definition.pk}],
    )
    tag = InteractionOutcomeImpact.objects.get(interaction=note)
    assert (
        tag.interaction_created_at,
        tag.interaction_created_by_id,
        tag.interaction_type,
        tag.client_id,
    ) == (
        note.created_at,
        manager.pk,
        "call",
        contact.pk,
    )


def test_rebuild_fills_tags_written_without_their_copies(tagged):
    expected = as_counts(report())
    InteractionOutcomeImpact.objects.update(
        interaction_created_at=None, interaction_created_by=None, interaction_type="", client=None
    )
    assert report()["totalsByOutcome"] == []
    assert rebuild_report_columns(only_missing=True) == InteractionOutcomeImpact.objects.count()
    assert as_counts(report()) == expected
    assert rebuild_report_columns(only_missing=True) == 0


def test_deleting_the_author_clears_the_copy_as_it_clears_the_note(tagged):
    author = tagged[1]
    author_id = author.pk
    assert InteractionOutcomeImpact.objects.filter(interaction_created_by_id=author_id).exists()
    author.delete()
    assert not InteractionOutcomeImpact.objects.filter(interaction_created_by_id=author_id).exists()
    assert as_counts(report()) == counted_through_the_notes()
