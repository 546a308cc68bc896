"""Contacts over the JSON API: create, read, search, page, update with row_version, delete, per role."""

import uuid

import pytest

from casework.contacts.models import Contact
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ContactFactory

NEW_CONTACT = {
    "first_name": "Maria",
    "last_name": "Jensen",
    "email": "Maria.Jensen@Example.COM",
    "phone": "+45 12 34 56 78",
    "date_of_birth": "1984-03-09",
    "street": "Nørregade 1",
    "city": "Aarhus",
    "postal_code": "8000",
    "country": "Denmark",
    "notes": "Prefers phone calls in the morning.",
}


def _assert_error(response, status: int, code: str, field: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if field is not None:
        assert body["field"] == field
    return body


# Creating


def test_a_caseworker_creates_a_contact_and_gets_it_back(api_as, caseworker):
    response = api_as(caseworker).post("/contacts", NEW_CONTACT)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "maria.jensen@example.com"
    for field in NEW_CONTACT.keys() - {"email"}:
        assert body[field] == NEW_CONTACT[field]
    assert body["row_version"] == 1
    contact = Contact.objects.get(pk=body["id"])
    assert contact.created_by == caseworker
    assert contact.email == "maria.jensen@example.com"


def test_a_contact_needs_only_a_name(api_as, caseworker):
    response = api_as(caseworker).post("/contacts", {"first_name": "Ole", "last_name": "Hansen"})

    assert response.status_code == 201
    assert response.json()["email"] == ""
    assert response.json()["date_of_birth"] is None


def test_optional_details_may_be_sent_as_null(api_as, caseworker):
    body = {**NEW_CONTACT, "email": None, "phone": None, "notes": None, "date_of_birth": None}

    response = api_as(caseworker).post("/contacts", body)

    assert response.status_code == 201, response.content
    assert (response.json()["email"], response.json()["phone"], response.json()["notes"]) == ("", "", "")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"first_name": None}, "first_name"),
        ({"first_name": ""}, "first_name"),
        ({"email": "not-an-email"}, "email"),
        ({"date_of_birth": "1984-13-45"}, "date_of_birth"),
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"phone": "9" * 41}, "phone"),
    ],
)
def test_an_invalid_contact_is_refused_naming_the_field(api_as, caseworker, change, field):
    body = {**NEW_CONTACT, **change}

    response = api_as(caseworker).post("/contacts", body)

    _assert_error(response, 422, "validation_error", field)
    assert not Contact.objects.exists()


def test_a_contact_without_a_first_name_is_refused_naming_the_field(api_as, caseworker):
    body = {k: v for k, v in NEW_CONTACT.items() if k != "first_name"}

    _assert_error(api_as(caseworker).post("/contacts", body), 422, "validation_error", "first_name")


def test_a_malformed_json_body_is_a_bad_request(api_as, caseworker):
    api = api_as(caseworker)

    response = api.client.post(
        "/api/contacts", '{"first_name": "Maria",', content_type="application/json", headers=api._headers()
    )

    _assert_error(response, 400, "malformed_request")


@pytest.mark.parametrize("body", ["[]", '"Maria"', "null", "42"])
def test_a_json_body_that_is_not_an_object_is_refused_without_a_server_error(api_as, caseworker, body):
    api = api_as(caseworker)

    response = api.client.post("/api/contacts", body, content_type="application/json", headers=api._headers())

    assert response.status_code in (400, 422), response.content
    assert response.json()["code"] in ("malformed_request", "validation_error")


# Reading and searching


def test_a_contact_is_read_by_id(api_as, viewer):
    contact = ContactFactory(first_name="Ida", last_name="Berg")

    response = api_as(viewer).get(f"/contacts/{contact.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == str(contact.pk)
    assert response.json()["first_name"] == "Ida"


def test_an_unknown_contact_is_not_found(api_as, viewer):
    _assert_error(api_as(viewer).get(f"/contacts/{uuid.uuid4()}"), 404, "not_found")


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_contact_id_that_is_not_a_uuid_is_a_validation_error(api_as, manager, method):
    response = getattr(api_as(manager), method)("/contacts/not-a-uuid")

    _assert_error(response, 422, "validation_error", "contact_id")


def test_the_list_is_sorted_by_name_and_paged(api_as, viewer):
    for last_name in ["Eriksen", "Andersen", "Dahl", "Berg", "Carlsen"]:
        ContactFactory(last_name=last_name)

    api = api_as(viewer)
    first = api.get("/contacts", limit=2).json()
    third = api.get("/contacts", page=3, limit=2).json()

    assert first["total"] == 5
    assert first["pagination"] == {"page": 1, "limit": 2}
    assert [c["last_name"] for c in first["contacts"]] == ["Andersen", "Berg"]
    assert third["pagination"] == {"page": 3, "limit": 2}
    assert [c["last_name"] for c in third["contacts"]] == ["Eriksen"]


def test_a_page_past_the_end_is_empty(api_as, viewer):
    ContactFactory()

    body = api_as(viewer).get("/contacts", page=5).json()

    assert body["contacts"] == []
    assert body["total"] == 1


def test_the_list_is_searched_by_name(api_as, viewer):
    ContactFactory(first_name="Karen", last_name="Blixen")
    ContactFactory(first_name="Søren", last_name="Kierkegaard")
    ContactFactory(first_name="Karl", last_name="Larsen")

    body = api_as(viewer).get("/contacts", search="kar").json()

    assert body["total"] == 2
    assert {c["first_name"] for c in body["contacts"]} == {"Karen", "Karl"}


def test_every_search_word_must_match(api_as, viewer):
    ContactFactory(first_name="Karen", last_name="Blixen")
    ContactFactory(first_name="Karen", last_name="Larsen")

    body = api_as(viewer).get("/contacts", search="karen blix").json()

    assert [c["last_name"] for c in body["contacts"]] == ["Blixen"]


def test_the_list_is_searched_by_email(api_as, viewer):
    ContactFactory(email="karen@blixen.dk")
    ContactFactory(email="soren@kierkegaard.dk")

    body = api_as(viewer).get("/contacts", search="BLIXEN.dk").json()

    assert [c["email"] for c in body["contacts"]] == ["karen@blixen.dk"]
    assert body["total"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 101}, "limit"), ({"limit": 0}, "limit"), ({"page": 0}, "page"), ({"page": "two"}, "page")],
)
def test_bad_paging_values_are_validation_errors(api_as, viewer, params, field):
    _assert_error(api_as(viewer).get("/contacts", **params), 422, "validation_error", field)


def test_the_list_takes_a_fixed_number_of_queries(api_as, viewer, django_assert_max_num_queries):
    ContactFactory.create_batch(25)
    api = api_as(viewer)

    with django_assert_max_num_queries(4):
        response = api.get("/contacts", limit=25)

    assert len(response.json()["contacts"]) == 25


def test_reading_a_contact_takes_a_fixed_number_of_queries(api_as, viewer, django_assert_max_num_queries):
    contact = ContactFactory()
    api = api_as(viewer)

    with django_assert_max_num_queries(
        4
    ):  # user, contact; the read audit's INSERT (PostgreSQL: and SET LOCAL)
        response = api.get(f"/contacts/{contact.pk}")

    assert response.status_code == 200


# Updating


def test_an_update_changes_only_the_fields_sent(api_as, caseworker):
    contact = ContactFactory(first_name="Ida", last_name="Berg", city="Odense", phone="1234")

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {"city": "Aalborg", "email": "IDA@Berg.DK"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["city"] == "Aalborg"
    assert body["email"] == "ida@berg.dk"
    assert (body["first_name"], body["last_name"], body["phone"]) == ("Ida", "Berg", "1234")
    assert body["row_version"] == 2
    contact.refresh_from_db()
    assert (contact.city, contact.phone, contact.row_version) == ("Aalborg", "1234", 2)


def test_an_update_that_changes_nothing_keeps_the_row_version(api_as, caseworker):
    contact = ContactFactory(city="Odense")

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {"city": "Odense", "row_version": 1})

    assert response.status_code == 200
    assert response.json()["row_version"] == 1


def test_an_update_with_the_current_row_version_succeeds(api_as, caseworker):
    contact = ContactFactory()
    api = api_as(caseworker)

    first = api.put(f"/contacts/{contact.pk}", {"city": "Vejle", "row_version": 1})
    second = api.put(f"/contacts/{contact.pk}", {"city": "Viborg", "row_version": 2})

    assert first.status_code == second.status_code == 200
    assert second.json()["row_version"] == 3


def test_an_update_with_a_stale_row_version_is_a_conflict(api_as, caseworker, manager):
    contact = ContactFactory(city="Odense")
    api_as(manager).put(f"/contacts/{contact.pk}", {"city": "Vejle", "row_version": 1})

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {"city": "Aalborg", "row_version": 1})

    body = _assert_error(response, 409, "concurrent_modification", "row_version")
    assert body["current_row_version"] == 2
    contact.refresh_from_db()
    assert contact.city == "Vejle"


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_a_required_name_cannot_be_cleared_with_null(api_as, caseworker, field):
    contact = ContactFactory()

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {field: None})

    _assert_error(response, 422, "validation_error", field)


def test_a_required_name_cannot_be_cleared_with_an_empty_string(api_as, caseworker):
    contact = ContactFactory()

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {"last_name": ""})

    _assert_error(response, 422, "validation_error", "last_name")


def test_optional_details_are_cleared_with_null(api_as, caseworker):
    contact = ContactFactory(email="ida@berg.dk", phone="1234", city="Odense", notes="Old note")
    contact.date_of_birth = "1990-01-01"
    contact.save()

    response = api_as(caseworker).put(
        f"/contacts/{contact.pk}",
        {"email": None, "phone": None, "city": None, "notes": None, "date_of_birth": None},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["email"], body["phone"], body["city"], body["notes"]) == ("", "", "", "")
    assert body["date_of_birth"] is None


def test_a_contact_read_from_the_api_can_be_sent_back_unchanged(api_as, caseworker):
    contact = ContactFactory(email="")
    api = api_as(caseworker)
    read = api.get(f"/contacts/{contact.pk}").json()

    response = api.put(f"/contacts/{contact.pk}", read)

    assert response.status_code == 200, response.content
    assert response.json()["row_version"] == read["row_version"]


def test_an_invalid_update_is_refused_naming_the_field(api_as, caseworker):
    contact = ContactFactory()

    response = api_as(caseworker).put(f"/contacts/{contact.pk}", {"date_of_birth": "1984-02-30"})

    _assert_error(response, 422, "validation_error", "date_of_birth")


def test_updating_an_unknown_contact_is_not_found(api_as, caseworker):
    _assert_error(api_as(caseworker).put(f"/contacts/{uuid.uuid4()}", {"city": "Vejle"}), 404, "not_found")


# Deleting


def test_a_manager_deletes_a_contact(api_as, manager):
    contact = ContactFactory()
    api = api_as(manager)

    response = api.delete(f"/contacts/{contact.pk}")

    assert response.status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()
    _assert_error(api.get(f"/contacts/{contact.pk}"), 404, "not_found")
    _assert_error(api.delete(f"/contacts/{contact.pk}"), 404, "not_found")


def test_a_contact_with_cases_cannot_be_deleted(api_as, manager):
    contact = ContactFactory()
    CaseFactory(contact=contact)

    response = api_as(manager).delete(f"/contacts/{contact.pk}")

    _assert_error(response, 409, "contact_has_cases")
    assert Contact.objects.filter(pk=contact.pk).exists()


# Roles


def test_a_viewer_can_list_and_read_contacts(api_as, viewer):
    contact = ContactFactory()
    api = api_as(viewer)

    assert api.get("/contacts").status_code == 200
    assert api.get(f"/contacts/{contact.pk}").status_code == 200


def test_a_viewer_cannot_create_a_contact(api_as, viewer):
    _assert_error(api_as(viewer).post("/contacts", NEW_CONTACT), 403, "permission_denied")
    assert not Contact.objects.exists()


def test_a_viewer_cannot_update_a_contact(api_as, viewer):
    contact = ContactFactory(city="Odense")

    _assert_error(api_as(viewer).put(f"/contacts/{contact.pk}", {"city": "Vejle"}), 403, "permission_denied")
    contact.refresh_from_db()
    assert contact.city == "Odense"


def test_a_viewer_cannot_delete_a_contact(api_as, viewer):
    contact = ContactFactory()

    _assert_error(api_as(viewer).delete(f"/contacts/{contact.pk}"), 403, "permission_denied")
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_a_caseworker_can_update_a_contact(api_as, caseworker):
    contact = ContactFactory()

    assert api_as(caseworker).put(f"/contacts/{contact.pk}", {"city": "Vejle"}).status_code == 200


def test_a_caseworker_cannot_delete_a_contact(api_as, caseworker):
    contact = ContactFactory()

    _assert_error(api_as(caseworker).delete(f"/contacts/{contact.pk}"), 403, "permission_denied")
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_an_admin_can_do_everything_with_contacts(api_as, admin):
    api = api_as(admin)

    created = api.post("/contacts", NEW_CONTACT).json()
    assert api.put(f"/contacts/{created['id']}", {"city": "Vejle"}).status_code == 200
    assert api.delete(f"/contacts/{created['id']}").status_code == 204


def test_anonymous_callers_get_401_on_contacts(anonymous_api):
    _assert_error(anonymous_api.get("/contacts"), 401, "not_authenticated")
    _assert_error(anonymous_api.post("/contacts", NEW_CONTACT), 401, "not_authenticated")
