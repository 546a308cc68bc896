"""Reordering outcome definitions: the new order names every definition exactly once, or nothing changes."""

import uuid

import pytest

from casework.outcomes.models import OutcomeDefinition

pytestmark = pytest.mark.django_db


def order_of_keys() -> list[str]:
    return list(OutcomeDefinition.objects.in_display_order().values_list("key", flat=True))


def test_reordering_sets_every_definitions_position(api_as, admin, housing, employment, benefits):
    employment.is_active = False  # disabled ones are part of the order too
    employment.save()
    ids = [str(benefits.pk), str(employment.pk), str(housing.pk)]

    response = api_as(admin).post("/admin/outcomes/reorder", {"orderedIds": ids})

    assert response.status_code == 200, response.json()
    assert [d["id"] for d in response.json()] == ids
    assert [d["sort_order"] for d in response.json()] == [0, 1, 2]
    assert order_of_keys() == ["benefits_secured", "employment_obtained", "housing_stabilized"]


@pytest.mark.parametrize(
    ("make_ids", "code", "field"),
    [
        (lambda h, e, b: [h, e], "incomplete_order", "orderedIds"),
        (lambda h, e, b: [h, e, b, h], "duplicate_id", "orderedIds.3"),
        (lambda h, e, b: [h, e, b, str(uuid.uuid4())], "unknown_id", "orderedIds.3"),
        (lambda h, e, b: [], "incomplete_order", "orderedIds"),
    ],
    ids=["missing", "duplicate", "unknown", "empty"],
)
def test_an_order_that_does_not_name_each_definition_once_is_422_and_changes_nothing(
    api_as, admin, housing, employment, benefits, make_ids, code, field
):
    before = order_of_keys()
    ids = make_ids(str(benefits.pk), str(employment.pk), str(housing.pk))

    response = api_as(admin).post("/admin/outcomes/reorder", {"orderedIds": ids})

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert order_of_keys() == before


def test_a_missing_definition_is_named_in_the_answer(api_as, admin, housing, employment):
    response = api_as(admin).post("/admin/outcomes/reorder", {"orderedIds": [str(housing.pk)]})

    assert response.json()["missing_ids"] == [str(employment.pk)]


def test_an_id_that_is_not_a_uuid_is_422(api_as, admin, housing):
    response = api_as(admin).post("/admin/outcomes/reorder", {"orderedIds": ["first"]})

    assert response.status_code == 422
    assert response.json()["field"] == "orderedIds.0"
