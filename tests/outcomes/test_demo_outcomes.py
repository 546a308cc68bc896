"""Demo outcomes: a handful of definitions and about 30% of the notes tagged, once."""

import io
import random

import pytest

from casework.cases.models import CaseNote
from casework.devdata.demo.outcomes import DEFINITIONS, load_demo
from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition
from tests.cases.factories import CaseFactory, CaseNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_notes(db):
    cases = CaseFactory.create_batch(20)
    for case in cases:
        CaseNoteFactory.create_batch(10, case=case)
    CaseNoteFactory(case=cases[0], note_type="status_change")
    return CaseNote.objects.all()


def test_the_demo_adds_the_definitions_and_tags_about_a_third_of_the_notes(demo_notes):
    load_demo(rng=random.Random(2026), stdout=io.StringIO())

    assert set(OutcomeDefinition.objects.values_list("key", flat=True)) == {d[0] for d in DEFINITIONS}
    tagged = InteractionOutcomeImpact.objects.values("interaction").distinct().count()
    assert 40 <= tagged <= 80  # 30% of 200 notes is 60
    assert not InteractionOutcomeImpact.objects.filter(interaction__note_type="status_change").exists()


def test_running_the_demo_again_adds_nothing(demo_notes):
    load_demo(rng=random.Random(1), stdout=io.StringIO())
    counts = (OutcomeDefinition.objects.count(), InteractionOutcomeImpact.objects.count())
    out = io.StringIO()

    load_demo(rng=random.Random(2), stdout=out)

    assert (OutcomeDefinition.objects.count(), InteractionOutcomeImpact.objects.count()) == counts
    assert "none added" in out.getvalue()


def test_the_demo_keeps_definitions_an_admin_already_made(demo_notes):
    OutcomeDefinition.objects.create(key="housing_stabilized", name="Housing (our wording)", sort_order=5)

    load_demo(rng=random.Random(3), stdout=io.StringIO())

    assert OutcomeDefinition.objects.get(key="housing_stabilized").name == "Housing (our wording)"
    assert OutcomeDefinition.objects.count() == len(DEFINITIONS)
