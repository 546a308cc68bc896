"""Outcome tags sent with a new note (POST /api/cases/notes) are saved in the note's transaction."""

import uuid

import pytest

from casework.cases.models import CaseNote
from casework.outcomes.models import InteractionOutcomeImpact
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(db):
    return CaseFactory()


def note_body(case, **extra):
    return {"case_id": str(case.pk), "note_type": "call", "content": "Client found a flat.", **extra}


def test_a_note_posted_with_outcome_impacts_is_tagged(api_as, caseworker, case, housing, employment):
    body = note_body(
        case,
        outcome_impacts=[
            {"outcomeDefinitionId": str(housing.pk), "intensity": 3},
            {"outcome_definition_id": str(employment.pk), "attribution": "POSSIBLE"},
        ],
    )

    response = api_as(caseworker).post("/cases/notes", body)

    assert response.status_code == 201, response.json()
    tags = InteractionOutcomeImpact.objects.filter(interaction_id=response.json()["id"])
    assert {(t.outcome_definition.key, t.intensity, t.attribution) for t in tags} == {
        ("housing_stabilized", 3, "DIRECT"),
        ("employment_obtained", None, "POSSIBLE"),
    }
    assert {t.created_by_id for t in tags} == {caseworker.pk}


def test_a_note_without_outcome_impacts_has_no_tags(api_as, caseworker, case, housing):
    response = api_as(caseworker).post("/cases/notes", note_body(case))

    assert response.status_code == 201
    assert not InteractionOutcomeImpact.objects.exists()


def test_a_bad_outcome_id_refuses_the_note_too(api_as, caseworker, case, housing):
    body = note_body(
        case,
        outcome_impacts=[
            {"outcomeDefinitionId": str(housing.pk)},
            {"outcomeDefinitionId": str(uuid.uuid4())},
        ],
    )

    response = api_as(caseworker).post("/cases/notes", body)

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (
        "unknown_outcome",
        "outcome_impacts.1.outcomeDefinitionId",
    )
    assert not CaseNote.objects.filter(case=case).exists()
    assert not InteractionOutcomeImpact.objects.exists()


def test_a_disabled_outcome_refuses_the_note_too(api_as, caseworker, case, housing):
    housing.is_active = False
    housing.save()

    response = api_as(caseworker).post(
        "/cases/notes", note_body(case, outcome_impacts=[{"outcomeDefinitionId": str(housing.pk)}])
    )

    assert response.status_code == 422
    assert response.json()["code"] == "inactive_outcome"
    assert not CaseNote.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"outcomeDefinitionId": "not-a-uuid"}, "outcome_impacts.0.outcomeDefinitionId"),
        ({}, "outcome_impacts.0.outcomeDefinitionId"),
        ("housing", "outcome_impacts.0"),
    ],
)
def test_a_malformed_impact_item_is_422_and_no_note(api_as, caseworker, case, item, field):
    response = api_as(caseworker).post("/cases/notes", note_body(case, outcome_impacts=[item]))

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not CaseNote.objects.filter(case=case).exists()
