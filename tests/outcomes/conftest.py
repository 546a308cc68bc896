"""Outcome fixtures: three definitions in display order, and a case note to tag."""

import pytest

from casework.cases.models import CaseNote
from casework.outcomes.models import OutcomeDefinition
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.outcomes.factories import OutcomeDefinitionFactory


@pytest.fixture
def housing(db) -> OutcomeDefinition:
    return OutcomeDefinitionFactory(
        key="housing_stabilized", name="Housing stabilized", category="housing", sort_order=0
    )


@pytest.fixture
def employment(db) -> OutcomeDefinition:
    return OutcomeDefinitionFactory(
        key="employment_obtained", name="Employment obtained", category="employment", sort_order=1
    )


@pytest.fixture
def benefits(db) -> OutcomeDefinition:
    return OutcomeDefinitionFactory(
        key="benefits_secured", name="Benefits secured", category="financial", sort_order=2
    )


@pytest.fixture
def note(db) -> CaseNote:
    return CaseNoteFactory(case=CaseFactory(), content="Called the landlord about the arrears.")


def outcomes_url(note: CaseNote, *, case_id=None) -> str:
    return f"/cases/{case_id or note.case_id}/interactions/{note.pk}/outcomes"
