"""Admins maintain the outcome definitions: create, edit (never the key), enable and disable, no delete."""

import uuid

import pytest

from casework.audit.models import AuditEvent
from casework.outcomes.models import OutcomeDefinition
from tests.outcomes.factories import OutcomeDefinitionFactory

pytestmark = pytest.mark.django_db

NEW = {
    "key": "crisis_resolved",
    "name": "Crisis resolved",
    "description": "An acute crisis was resolved",
    "category": "crisis",
    "isActive": True,
    "isReportable": False,
    "sortOrder": 7,
}


def test_an_admin_creates_a_definition_from_camel_case_and_reads_it_back_in_snake_case(api_as, admin):
    response = api_as(admin).post("/admin/outcomes", NEW)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["key"] == "crisis_resolved"
    assert body["is_reportable"] is False
    assert body["is_active"] is True
    assert body["sort_order"] == 7
    assert OutcomeDefinition.objects.get(key="crisis_resolved").category == "crisis"
    assert AuditEvent.objects.filter(verb="outcome_definition.created").count() == 1


def test_a_definition_without_sort_order_goes_after_the_last_one(api_as, admin, housing, employment):
    response = api_as(admin).post("/admin/outcomes", {"key": "late_one", "name": "Late one"})

    assert response.status_code == 201
    assert response.json()["sort_order"] == employment.sort_order + 1
    assert response.json()["is_active"] is True
    assert response.json()["is_reportable"] is True


def test_a_taken_key_is_a_409_duplicate_key(api_as, admin, housing):
    response = api_as(admin).post("/admin/outcomes", {"key": housing.key, "name": "Again"})

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_key"
    assert response.json()["field"] == "key"
    assert OutcomeDefinition.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "No key"}, "key"),
        ({"key": "no_name"}, "name"),
        ({"key": "Has Spaces", "name": "Bad key"}, "key"),
        ({"key": "ok_key", "name": "   "}, "name"),
        ({"key": "ok_key", "name": "Negative", "sortOrder": -1}, "sortOrder"),
        ({"key": "ok_key", "name": "Flag", "isActive": "sometimes"}, "isActive"),
    ],
)
def test_an_invalid_definition_is_a_422_naming_the_field(api_as, admin, body, field):
    response = api_as(admin).post("/admin/outcomes", body)

    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert not OutcomeDefinition.objects.exists()


def test_listing_hides_disabled_definitions_unless_asked(api_as, admin, housing, employment):
    employment.is_active = False
    employment.save()

    active = api_as(admin).get("/admin/outcomes").json()
    everything = api_as(admin).get("/admin/outcomes", includeInactive="true").json()

    assert [d["key"] for d in active] == ["housing_stabilized"]
    assert [d["key"] for d in everything] == ["housing_stabilized", "employment_obtained"]


def test_the_admin_list_costs_a_fixed_number_of_queries(api_as, admin, django_assert_max_num_queries):
    OutcomeDefinitionFactory.create_batch(15)
    client = api_as(admin)
    with django_assert_max_num_queries(3):  # user, role, definitions
        response = client.get("/admin/outcomes", includeInactive="true")
    assert len(response.json()) == 15


def test_patch_changes_only_the_fields_sent(api_as, admin, housing):
    response = api_as(admin).patch(
        f"/admin/outcomes/{housing.pk}", {"name": "Housing secured", "isReportable": False}
    )

    assert response.status_code == 200, response.json()
    housing.refresh_from_db()
    assert (housing.name, housing.is_reportable, housing.category) == ("Housing secured", False, "housing")


def test_patch_accepts_the_unchanged_key_but_refuses_another_one(api_as, admin, housing):
    same = api_as(admin).patch(f"/admin/outcomes/{housing.pk}", {"key": housing.key, "name": "Renamed"})
    other = api_as(admin).patch(f"/admin/outcomes/{housing.pk}", {"key": "housing_v2", "name": "Sneaky"})

    assert same.status_code == 200
    assert other.status_code == 422
    assert other.json()["code"] == "immutable_key"
    assert other.json()["field"] == "key"
    housing.refresh_from_db()
    assert (housing.key, housing.name) == ("housing_stabilized", "Renamed")


def test_patch_refuses_a_blank_name(api_as, admin, housing):
    response = api_as(admin).patch(f"/admin/outcomes/{housing.pk}", {"name": ""})

    assert response.status_code == 422
    assert response.json()["field"] == "name"


def test_disabling_and_enabling_flip_is_active_and_are_idempotent(api_as, admin, housing):
    client = api_as(admin)

    first = client.post(f"/admin/outcomes/{housing.pk}/disable")
    again = client.post(f"/admin/outcomes/{housing.pk}/disable")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["is_active"] is False

    enabled = client.post(f"/admin/outcomes/{housing.pk}/enable")
    assert enabled.json()["is_active"] is True
    assert AuditEvent.objects.filter(verb="outcome_definition.disabled").count() == 1


@pytest.mark.parametrize("action", ["patch", "enable", "disable"])
def test_an_unknown_definition_is_404(api_as, admin, action):
    client = api_as(admin)
    url = f"/admin/outcomes/{uuid.uuid4()}"
    response = client.patch(url, {"name": "x"}) if action == "patch" else client.post(f"{url}/{action}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_there_is_no_way_to_delete_a_definition(api_as, admin, housing):
    response = api_as(admin).delete(f"/admin/outcomes/{housing.pk}")

    assert response.status_code == 405
    assert OutcomeDefinition.objects.filter(pk=housing.pk).exists()


@pytest.mark.parametrize("persona", ["manager", "caseworker", "viewer"])
def test_only_admins_manage_definitions(api_as, request, persona, housing):
    client = api_as(request.getfixturevalue(persona))

    answers = [
        client.get("/admin/outcomes"),
        client.post("/admin/outcomes", {"key": "k", "name": "n"}),
        client.patch(f"/admin/outcomes/{housing.pk}", {"name": "n"}),
        client.post(f"/admin/outcomes/{housing.pk}/disable"),
        client.post(f"/admin/outcomes/{housing.pk}/enable"),
        client.post("/admin/outcomes/reorder", {"orderedIds": [str(housing.pk)]}),
    ]

    assert [a.status_code for a in answers] == [403] * 6
    assert {a.json()["code"] for a in answers} == {"permission_denied"}
    housing.refresh_from_db()
    assert (housing.name, housing.is_active) == ("Housing stabilized", True)


def test_anonymous_callers_get_401_everywhere(anonymous_api, housing, note):
    answers = [
        anonymous_api.get("/admin/outcomes"),
        anonymous_api.post("/admin/outcomes", {"key": "k", "name": "n"}),
        anonymous_api.patch(f"/admin/outcomes/{housing.pk}", {"name": "n"}),
        anonymous_api.post(f"/admin/outcomes/{housing.pk}/enable"),
        anonymous_api.post(f"/admin/outcomes/{housing.pk}/disable"),
        anonymous_api.post("/admin/outcomes/reorder", {"orderedIds": []}),
        anonymous_api.get("/cases/outcomes/definitions"),
        anonymous_api.get(f"/cases/{note.case_id}/interactions/{note.pk}/outcomes"),
        anonymous_api.put(f"/cases/{note.case_id}/interactions/{note.pk}/outcomes", {"impacts": []}),
        anonymous_api.get("/reports/outcomes", **{"from": "2026-01-01", "to": "2026-01-31"}),
    ]

    assert [a.status_code for a in answers] == [401] * len(answers)


@pytest.mark.parametrize("persona", ["admin", "manager", "caseworker", "viewer"])
def test_everyone_who_sees_cases_lists_the_active_definitions_in_order(
    api_as, request, persona, housing, employment, benefits
):
    employment.is_active = False
    employment.save()
    benefits.sort_order = 0
    benefits.save()
    housing.sort_order = 5
    housing.save()

    response = api_as(request.getfixturevalue(persona)).get("/cases/outcomes/definitions")

    assert response.status_code == 200
    assert [d["key"] for d in response.json()] == ["benefits_secured", "housing_stabilized"]


def test_listing_active_definitions_costs_a_fixed_number_of_queries(
    api_as, viewer, django_assert_max_num_queries
):
    OutcomeDefinitionFactory.create_batch(12)
    client = api_as(viewer)
    with django_assert_max_num_queries(3):
        response = client.get("/cases/outcomes/definitions")
    assert len(response.json()) == 12
