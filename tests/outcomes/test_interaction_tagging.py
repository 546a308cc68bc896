"""Tagging an interaction (a case note) with outcomes: replace and merge, validation, history on disable."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from casework.outcomes.models import InteractionOutcomeImpact
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.outcomes.conftest import outcomes_url
from tests.outcomes.factories import ImpactFactory

pytestmark = pytest.mark.django_db


def tag(definition, **extra):
    return {"outcomeDefinitionId": str(definition.pk), **extra}


def tagged_keys(note) -> set[str]:
    return set(
        InteractionOutcomeImpact.objects.filter(interaction=note).values_list(
            "outcome_definition__key", flat=True
        )
    )


def test_a_caseworker_tags_a_note_and_gets_the_tags_back_with_their_definitions(
    api_as, caseworker, note, housing
):
    body = {"impacts": [tag(housing, attribution="LIKELY", intensity=4, evidenceNote="Lease signed")]}

    response = api_as(caseworker).put(outcomes_url(note), body)

    assert response.status_code == 200, response.json()
    [saved] = response.json()
    assert saved["attribution"] == "LIKELY"
    assert saved["intensity"] == 4
    assert saved["evidence_note"] == "Lease signed"
    assert saved["impact"] is True
    assert saved["interaction_id"] == str(note.pk)
    assert saved["created_by_user_id"] == str(caseworker.pk)
    assert saved["outcome_definition"]["key"] == "housing_stabilized"


def test_attribution_defaults_to_direct_and_intensity_to_none(api_as, caseworker, note, housing):
    [saved] = api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing)]}).json()

    assert (saved["attribution"], saved["intensity"], saved["evidence_note"]) == ("DIRECT", None, "")


def test_replace_removes_the_tags_not_sent_and_updates_the_ones_sent(
    api_as, caseworker, note, housing, employment, benefits
):
    ImpactFactory(interaction=note, outcome_definition=housing, intensity=1)
    ImpactFactory(interaction=note, outcome_definition=employment)

    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [tag(housing, intensity=5), tag(benefits)], "mode": "replace"}
    )

    assert response.status_code == 200
    assert [t["outcome_definition"]["key"] for t in response.json()] == [
        "housing_stabilized",
        "benefits_secured",
    ]
    assert tagged_keys(note) == {"housing_stabilized", "benefits_secured"}
    assert InteractionOutcomeImpact.objects.get(interaction=note, outcome_definition=housing).intensity == 5


def test_replace_is_the_default_mode(api_as, caseworker, note, housing, employment):
    ImpactFactory(interaction=note, outcome_definition=housing)

    api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(employment)]})

    assert tagged_keys(note) == {"employment_obtained"}


def test_replace_with_no_impacts_clears_the_interaction(api_as, caseworker, note, housing):
    ImpactFactory(interaction=note, outcome_definition=housing)

    response = api_as(caseworker).put(outcomes_url(note), {"impacts": []})

    assert response.json() == []
    assert tagged_keys(note) == set()


def test_merge_keeps_the_tags_not_sent_and_updates_the_ones_sent(
    api_as, caseworker, note, housing, employment, benefits
):
    ImpactFactory(interaction=note, outcome_definition=housing, attribution="POSSIBLE")
    ImpactFactory(interaction=note, outcome_definition=employment)

    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [tag(housing, attribution="DIRECT"), tag(benefits)], "mode": "merge"}
    )

    assert response.status_code == 200
    assert len(response.json()) == 3
    assert tagged_keys(note) == {"housing_stabilized", "employment_obtained", "benefits_secured"}
    assert (
        InteractionOutcomeImpact.objects.get(interaction=note, outcome_definition=housing).attribution
        == "DIRECT"
    )


def test_the_mode_may_come_as_a_query_parameter(api_as, caseworker, note, housing, employment):
    ImpactFactory(interaction=note, outcome_definition=housing)

    api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(employment)]}, mode="merge")

    assert tagged_keys(note) == {"housing_stabilized", "employment_obtained"}


def test_contradicting_modes_in_body_and_query_are_422(api_as, caseworker, note, housing):
    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [tag(housing)], "mode": "replace"}, mode="merge"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "conflicting_mode"
    assert tagged_keys(note) == set()


def test_an_unknown_mode_is_422(api_as, caseworker, note, housing):
    response = api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing)], "mode": "append"})

    assert response.status_code == 422
    assert response.json()["field"] == "mode"


def test_a_new_tag_with_a_disabled_outcome_is_422_and_nothing_is_saved(
    api_as, caseworker, note, housing, employment
):
    employment.is_active = False
    employment.save()

    response = api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing), tag(employment)]})

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (
        "inactive_outcome",
        "impacts.1.outcomeDefinitionId",
    )
    assert tagged_keys(note) == set()


def test_disabling_an_outcome_keeps_the_tags_already_made(api_as, admin, caseworker, note, housing):
    api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing)]})

    api_as(admin).post(f"/admin/outcomes/{housing.pk}/disable")
    response = api_as(caseworker).get(outcomes_url(note))

    [kept] = response.json()
    assert kept["outcome_definition"]["key"] == "housing_stabilized"
    assert kept["outcome_definition"]["is_active"] is False


def test_an_existing_tag_on_a_disabled_outcome_may_be_sent_back_unchanged(
    api_as, caseworker, note, housing, employment
):
    ImpactFactory(interaction=note, outcome_definition=housing)
    housing.is_active = False
    housing.save()

    response = api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing), tag(employment)]})

    assert response.status_code == 200
    assert tagged_keys(note) == {"housing_stabilized", "employment_obtained"}


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"intensity": 0}, "impacts.0.intensity"),
        ({"intensity": 6}, "impacts.0.intensity"),
        ({"attribution": "CERTAIN"}, "impacts.0.attribution"),
        ({"evidenceNote": "x" * 2001}, "impacts.0.evidenceNote"),
    ],
)
def test_out_of_range_values_are_422_naming_the_field(api_as, caseworker, note, housing, item, field):
    response = api_as(caseworker).put(outcomes_url(note), {"impacts": [tag(housing, **item)]})

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert tagged_keys(note) == set()


def test_an_evidence_note_of_exactly_2000_characters_is_accepted(api_as, caseworker, note, housing):
    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [tag(housing, evidenceNote="x" * 2000)]}
    )

    assert response.status_code == 200


def test_the_same_outcome_twice_in_one_payload_is_422(api_as, caseworker, note, housing):
    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [tag(housing), tag(housing, intensity=2)]}
    )

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (
        "duplicate_outcome",
        "impacts.1.outcomeDefinitionId",
    )


def test_an_unknown_outcome_is_422(api_as, caseworker, note):
    response = api_as(caseworker).put(
        outcomes_url(note), {"impacts": [{"outcomeDefinitionId": str(uuid.uuid4())}]}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "unknown_outcome"


def test_a_note_of_another_case_is_404_for_reading_and_writing(api_as, caseworker, note, housing):
    other_case = CaseFactory()
    url = outcomes_url(note, case_id=other_case.pk)

    assert api_as(caseworker).get(url).status_code == 404
    assert api_as(caseworker).put(url, {"impacts": [tag(housing)]}).status_code == 404
    assert tagged_keys(note) == set()


def test_an_unknown_case_or_interaction_is_404(api_as, caseworker, note):
    assert api_as(caseworker).get(outcomes_url(note, case_id=uuid.uuid4())).status_code == 404
    assert (
        api_as(caseworker).get(f"/cases/{note.case_id}/interactions/{uuid.uuid4()}/outcomes").status_code
        == 404
    )


def test_a_viewer_reads_tags_but_cannot_write_them(api_as, viewer, note, housing):
    ImpactFactory(interaction=note, outcome_definition=housing)

    read = api_as(viewer).get(outcomes_url(note))
    write = api_as(viewer).put(outcomes_url(note), {"impacts": []})

    assert read.status_code == 200
    assert len(read.json()) == 1
    assert write.status_code == 403
    assert tagged_keys(note) == {"housing_stabilized"}


@pytest.mark.parametrize("persona", ["admin", "manager", "caseworker"])
def test_everyone_who_adds_notes_may_tag_them(api_as, request, persona, note, housing):
    response = api_as(request.getfixturevalue(persona)).put(outcomes_url(note), {"impacts": [tag(housing)]})

    assert response.status_code == 200


def test_reading_tags_costs_a_fixed_number_of_queries(api_as, viewer, note, django_assert_max_num_queries):
    for _ in range(8):
        ImpactFactory(interaction=note)
    client = api_as(viewer)
    with django_assert_max_num_queries(4):  # user, role, note, tags with definitions
        response = client.get(outcomes_url(note))
    assert len(response.json()) == 8


def test_saving_tags_costs_a_bounded_number_of_queries_whatever_their_number(
    api_as, caseworker, note, django_assert_max_num_queries
):
    from tests.outcomes.factories import OutcomeDefinitionFactory

    definitions = OutcomeDefinitionFactory.create_batch(10)
    client = api_as(caseworker)
    with django_assert_max_num_queries(14):
        response = client.put(outcomes_url(note), {"impacts": [tag(d) for d in definitions]})
    assert len(response.json()) == 10


def test_the_database_refuses_a_second_tag_for_the_same_outcome_and_interaction(note, housing):
    ImpactFactory(interaction=note, outcome_definition=housing)

    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactFactory(interaction=note, outcome_definition=housing)


@pytest.mark.parametrize(
    "values",
    [{"intensity": 6}, {"intensity": 0}, {"attribution": "CERTAIN"}, {"evidence_note": "x" * 2001}],
)
def test_the_database_refuses_out_of_range_values(values, housing):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactFactory(interaction=CaseNoteFactory(), outcome_definition=housing, **values)


def test_the_database_refuses_deleting_a_definition_that_has_tags(note, housing):
    from django.db.models import ProtectedError

    ImpactFactory(interaction=note, outcome_definition=housing)

    with pytest.raises(ProtectedError):
        housing.delete()
