"""The core case API: open, list, read, update, delete, change status, notes, history."""

import json
import re
import uuid

import pytest

from casework.audit.models import AuditEvent
from casework.cases.models import Case, CaseNote
from tests.cases.factories import CaseFactory, CaseNoteFactory, case_type, days_from_today, status
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(db):
    return ContactFactory(first_name="John", last_name="Doe")


def housing_case_body(contact, **overrides):
    body = {
        "contact_id": str(contact.pk),
        "case_type_id": str(case_type("Housing").pk),
        "title": "Housing Assistance Request",
        "description": "Client needs temporary housing assistance",
        "priority": "high",
        "source": "phone",
        "referral_source": "Community Outreach Center",
        "due_date": "2026-03-01",
        "tags": ["housing", "urgent", "family"],
        "intake_data": {
            "household_size": 4,
            "current_situation": "At risk of eviction",
            "income_level": "below_poverty",
        },
        "is_urgent": True,
    }
    body.update(overrides)
    return body


def open_case(api, contact, **overrides):
    response = api.post("/cases", housing_case_body(contact, **overrides))
    assert response.status_code == 201, response.json()
    return response.json()


# --- opening a case ---------------------------------------------------------------------------------------


def test_a_caseworker_opens_the_seed_example_case(api_as, caseworker, contact):
    body = open_case(api_as(caseworker), contact, assigned_to=str(caseworker.pk))
    assert re.fullmatch(r"CASE-\d{6}-\d{5}", body["case_number"])
    assert body["status_name"] == "Intake"
    assert body["status_type"] == "intake"
    assert body["priority"] == "high"
    assert body["is_urgent"] is True
    assert body["tags"] == ["housing", "urgent", "family"]
    assert body["intake_data"]["household_size"] == 4
    assert body["contact"]["first_name"] == "John"
    assert body["assignee"]["id"] == str(caseworker.pk)
    assert body["row_version"] == 1
    assert body["notes_count"] == 1
    assert {s["name"] for s in body["allowed_transitions"]} == {"Under Review", "Active", "Cancelled"}


def test_opening_a_case_writes_the_initial_intake_note_and_an_audit_event(api_as, caseworker, contact):
    body = open_case(api_as(caseworker), contact)
    note = CaseNote.objects.get(case_id=body["id"])
    assert note.subject == "Case opened"
    assert "Housing" in note.content
    assert note.created_by == caseworker
    assert AuditEvent.objects.filter(verb="case.created", target_id=body["id"]).exists()


def test_case_numbers_count_up_within_a_day(api_as, caseworker, contact):
    api = api_as(caseworker)
    first = open_case(api, contact)["case_number"]
    second = open_case(api, contact)["case_number"]
    assert first[:12] == second[:12]
    assert int(second[-5:]) == int(first[-5:]) + 1


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"priority": "whenever"}, "priority"),
        ({"source": "carrier pigeon"}, "source"),
        ({"due_date": "next tuesday"}, "due_date"),
        ({"case_type_id": "not-a-uuid"}, "case_type_id"),
        ({"case_type_id": str(uuid.uuid4())}, "case_type_id"),
        ({"contact_id": str(uuid.uuid4())}, "contact_id"),
        ({"assigned_to": str(uuid.uuid4())}, "assigned_to"),
        ({"intake_data": {"household_size": "four"}}, "intake_data.household_size"),
        ({"intake_data": {"household_size": 0}}, "intake_data.household_size"),
        ({"intake_data": {"current_situation": "no size given"}}, "intake_data.household_size"),
        ({"intake_data": {"household_size": 2, "income_level": "rich"}}, "intake_data.income_level"),
        ({"intake_data": {"household_size": 2, "favourite_colour": "red"}}, "intake_data.favourite_colour"),
    ],
)
def test_a_bad_case_is_refused_with_422_naming_the_field(api_as, caseworker, contact, override, field):
    response = api_as(caseworker).post("/cases", housing_case_body(contact, **override))
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert Case.objects.count() == 0
    assert CaseNote.objects.count() == 0


def test_a_missing_required_field_is_named(api_as, caseworker, contact):
    body = housing_case_body(contact)
    del body["title"]
    response = api_as(caseworker).post("/cases", body)
    assert response.status_code == 422
    assert response.json()["field"] == "title"


def test_malformed_json_is_a_400(api_as, caseworker):
    api = api_as(caseworker)
    response = api.client.post(
        "/api/cases", data="{not json", content_type="application/json", headers=api._headers()
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"


def test_a_viewer_cannot_open_a_case(api_as, viewer, contact):
    response = api_as(viewer).post("/cases", housing_case_body(contact))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_anonymous_callers_get_401_on_every_case_endpoint(anonymous_api):
    some_id = uuid.uuid4()
    calls = [
        ("get", "/cases"),
        ("post", "/cases"),
        ("get", f"/cases/{some_id}"),
        ("put", f"/cases/{some_id}"),
        ("delete", f"/cases/{some_id}"),
        ("put", f"/cases/{some_id}/status"),
        ("get", f"/cases/{some_id}/notes"),
        ("get", f"/cases/{some_id}/history"),
        ("post", "/cases/notes"),
    ]
    for method, path in calls:
        response = anonymous_api.request(method, path, {} if method != "get" else None)
        assert response.status_code == 401, (method, path)


# --- reading -------------------------------------------------------------------------------------------------


def test_the_list_has_the_seed_row_fields(api_as, viewer, contact):
    case = CaseFactory(contact=contact, status=status("Active"), priority="high")
    CaseNoteFactory.create_batch(5, case=case)
    response = api_as(viewer).get("/cases", contact_id=str(contact.pk), page=1, limit=20)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert body["pagination"] == {"page": 1, "limit": 20}
    row = body["cases"][0]
    assert row["case_number"] == case.case_number
    assert row["status_name"] == "Active"
    assert row["status_color"] == "green"
    assert row["priority"] == "high"
    assert row["contact_first_name"] == "John"
    assert row["contact_last_name"] == "Doe"
    assert row["notes_count"] == 5
    assert row["documents_count"] == 0
    assert "created_at" in row


def test_the_list_filters_by_each_parameter(api_as, viewer, caseworker, contact):
    other_contact = ContactFactory()
    housing = CaseFactory(
        contact=contact,
        case_type=case_type("Housing"),
        priority="urgent",
        assigned_to=caseworker,
        is_urgent=True,
        due_date=days_from_today(-3),
    )
    legal = CaseFactory(
        contact=other_contact, case_type=case_type("Legal Assistance"), status=status("Active")
    )
    closed = CaseFactory(
        contact=other_contact, status=status("Closed - Successful"), title="Food bank referral"
    )
    api = api_as(viewer)

    def ids(**params):
        response = api.get("/cases", **params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["cases"]}

    assert ids(contact_id=contact.pk) == {str(housing.pk)}
    assert ids(case_type_id=case_type("Legal Assistance").pk) == {str(legal.pk)}
    assert ids(status_id=status("Active").pk) == {str(legal.pk)}
    assert ids(status_type="closed") == {str(closed.pk)}
    assert ids(priority="urgent") == {str(housing.pk)}
    assert ids(assigned_to=caseworker.pk) == {str(housing.pk)}
    assert ids(is_urgent="true") == {str(housing.pk)}
    assert ids(due_before=days_from_today(0)) == {str(housing.pk)}
    assert ids(search="food bank") == {str(closed.pk)}
    assert ids(search=contact.last_name) == {str(housing.pk)}
    assert ids(search=closed.case_number) == {str(closed.pk)}


def test_the_list_filters_by_open_or_finished_and_by_when_cases_are_due(api_as, viewer):
    overdue = CaseFactory(due_date=days_from_today(-3))
    due_today = CaseFactory(status=status("Active"), due_date=days_from_today(0))
    next_week = CaseFactory(due_date=days_from_today(7))
    undated = CaseFactory(due_date=None)
    finished_late = CaseFactory(status=status("Closed - Successful"), due_date=days_from_today(-3))
    api = api_as(viewer)

    def ids(**params):
        response = api.get("/cases", **params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["cases"]}

    open_ones = {str(c.pk) for c in (overdue, due_today, next_week, undated)}
    assert ids(state="open") == open_ones
    assert ids(state="finished") == {str(finished_late.pk)}
    assert ids(due="overdue") == {str(overdue.pk)}
    assert ids(due="week") == {str(due_today.pk)}
    assert ids(due="none") == {str(undated.pk)}
    assert ids(state="open", due="none", priority=undated.priority) == {str(undated.pk)}


def test_the_list_sorts_and_pages(api_as, viewer):
    cases = [CaseFactory(priority=p) for p in ("low", "urgent", "medium", "high", "low")]
    api = api_as(viewer)
    by_priority = [r["priority"] for r in api.get("/cases", sort="-priority").json()["cases"]]
    assert by_priority == ["urgent", "high", "medium", "low", "low"]
    page1 = api.get("/cases", limit=2, page=1, sort="case_number").json()
    page3 = api.get("/cases", limit=2, page=3, sort="case_number").json()
    assert page1["total"] == 5
    assert [r["case_number"] for r in page1["cases"]] == sorted(c.case_number for c in cases)[:2]
    assert [r["case_number"] for r in page3["cases"]] == sorted(c.case_number for c in cases)[4:]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 101},
        {"limit": 0},
        {"page": 0},
        {"page": -1},
        {"priority": "meh"},
        {"sort": "password"},
        {"contact_id": "123"},
        {"due_before": "soon"},
        {"status_type": "open"},
        {"state": "closed"},
        {"due": "tomorrow"},
    ],
)
def test_bad_list_parameters_are_422(api_as, viewer, params):
    response = api_as(viewer).get("/cases", **params)
    assert response.status_code == 422
    assert response.json()["field"] == next(iter(params))


def test_listing_cases_costs_a_fixed_number_of_queries(api_as, viewer, django_assert_max_num_queries):
    for _ in range(30):
        case = CaseFactory(assigned_to=viewer)
        CaseNoteFactory(case=case)
    api = api_as(viewer)
    with django_assert_max_num_queries(4):  # user, count, page
        response = api.get("/cases", limit=30)
    assert len(response.json()["cases"]) == 30


def test_reading_a_case_costs_a_fixed_number_of_queries(api_as, viewer, django_assert_max_num_queries):
    case = CaseFactory(assigned_to=viewer)
    CaseNoteFactory.create_batch(3, case=case)
    api = api_as(viewer)
    with django_assert_max_num_queries(4):  # user, case, allowed transitions, milestone progress
        response = api.get(f"/cases/{case.pk}")
    assert response.status_code == 200
    assert response.json()["notes_count"] == 3


def test_an_unknown_case_is_404_and_a_malformed_id_is_422(api_as, viewer):
    api = api_as(viewer)
    missing = api.get(f"/cases/{uuid.uuid4()}")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    malformed = api.get("/cases/12345")
    assert malformed.status_code == 422
    assert malformed.json()["field"] == "case_id"


# --- updating ------------------------------------------------------------------------------------------------


def test_updating_a_case_changes_only_the_sent_fields_and_bumps_the_version(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.put(
        f"/cases/{case['id']}", {"row_version": 1, "priority": "urgent", "tags": ["a", "a", "b"]}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["priority"] == "urgent"
    assert body["tags"] == ["a", "b"]
    assert body["title"] == case["title"]
    assert body["row_version"] == 2


def test_a_stale_row_version_is_refused_with_409_and_nothing_changes(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    assert api.put(f"/cases/{case['id']}", {"row_version": 1, "title": "First edit"}).status_code == 200
    stale = api.put(f"/cases/{case['id']}", {"row_version": 1, "title": "Second edit from a stale screen"})
    assert stale.status_code == 409
    assert stale.json()["code"] == "concurrent_modification"
    assert Case.objects.get(pk=case["id"]).title == "First edit"


def test_an_update_without_row_version_is_422(api_as, caseworker, contact):
    case = open_case(api_as(caseworker), contact)
    response = api_as(caseworker).put(f"/cases/{case['id']}", {"title": "x"})
    assert response.status_code == 422
    assert response.json()["field"] == "row_version"


def test_changing_intake_data_is_validated_against_the_case_type(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.put(f"/cases/{case['id']}", {"row_version": 1, "intake_data": {"household_size": -2}})
    assert response.status_code == 422
    assert response.json()["field"] == "intake_data.household_size"
    assert Case.objects.get(pk=case["id"]).row_version == 1


def test_a_viewer_cannot_update_and_a_caseworker_cannot_delete(api_as, viewer, caseworker, contact):
    case = open_case(api_as(caseworker), contact)
    assert api_as(viewer).put(f"/cases/{case['id']}", {"row_version": 1, "title": "x"}).status_code == 403
    assert api_as(caseworker).delete(f"/cases/{case['id']}").status_code == 403


def test_every_change_is_in_the_history(api_as, caseworker, manager, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    api.put(f"/cases/{case['id']}", {"row_version": 1, "title": "Renamed", "priority": "low"})
    api_as(manager).put(f"/cases/{case['id']}/status", {"new_status_id": str(status("Active").pk)})
    response = api.get(f"/cases/{case['id']}/history")
    assert response.status_code == 200
    entries = response.json()
    assert [e["change_type"] for e in entries] == ["updated", "updated", "created"]
    status_change, edit, created = entries
    assert status_change["changed_by"]["id"] == str(manager.pk)
    moved = {c["field"]: c for c in status_change["changes"]}
    assert moved["status"]["old"]["name"] == "Intake"
    assert moved["status"]["new"]["name"] == "Active"
    assert "opened_date" in moved
    assert edit["changed_by"]["id"] == str(caseworker.pk)
    assert {c["field"]: (c["old"], c["new"]) for c in edit["changes"]} == {
        "title": ("Housing Assistance Request", "Renamed"),
        "priority": ("high", "low"),
    }
    assert created["changed_by"]["id"] == str(caseworker.pk)


# --- deleting ------------------------------------------------------------------------------------------------


def test_a_manager_deletes_a_case_with_its_notes(api_as, manager, caseworker, contact):
    case = open_case(api_as(caseworker), contact)
    response = api_as(manager).delete(f"/cases/{case['id']}")
    assert response.status_code == 204
    assert not Case.objects.filter(pk=case["id"]).exists()
    assert not CaseNote.objects.filter(case_id=case["id"]).exists()
    assert not Case.history.filter(id=case["id"]).exists()
    assert AuditEvent.objects.filter(verb="case.deleted", target_id=case["id"]).exists()
    assert api_as(manager).get(f"/cases/{case['id']}").status_code == 404


# --- status workflow -----------------------------------------------------------------------------------------


def test_moving_through_the_workflow_sets_dates_and_writes_status_notes(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    active = api.put(
        f"/cases/{case['id']}/status",
        {
            "new_status_id": str(status("Active").pk),
            "reason": "Client provided required documentation",
            "notes": "All intake paperwork received and verified",
        },
    ).json()
    assert active["status_name"] == "Active"
    assert active["opened_date"] is not None
    assert active["closed_date"] is None
    api.put(f"/cases/{case['id']}/status", {"new_status_id": str(status("Ready for Closure").pk)})
    closed = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Closed - Successful").pk)}
    ).json()
    assert closed["status_type"] == "closed"
    assert closed["closed_date"] is not None
    note = (
        CaseNote.objects.filter(case_id=case["id"], note_type="status_change").order_by("created_at").first()
    )
    assert note.previous_status == status("Intake")
    assert note.new_status == status("Active")
    assert "Client provided required documentation" in note.content
    assert "All intake paperwork received and verified" in note.content
    reopened = api.put(f"/cases/{case['id']}/status", {"new_status_id": str(status("Active").pk)}).json()
    assert reopened["closed_date"] is None


def test_a_transition_outside_the_graph_is_422_listing_the_allowed_targets(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Closed - Successful").pk)}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["field"] == "new_status_id"
    assert {s["name"] for s in body["allowed"]} == {"Under Review", "Active", "Cancelled"}
    assert Case.objects.get(pk=case["id"]).status == status("Intake")
    assert not CaseNote.objects.filter(case_id=case["id"], note_type="status_change").exists()


def test_a_refused_transition_answers_in_danish_with_danish_status_names(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.client.put(
        f"/api/cases/{case['id']}/status",
        data=json.dumps({"new_status_id": str(status("Closed - Successful").pk)}),
        content_type="application/json",
        headers={**api._headers(), "Accept-Language": "da"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["field"] == "new_status_id"
    assert body["message"] == "En sag kan ikke gå fra Modtagelse til Afsluttet - lykkedes."
    # The listed targets keep their stored names: clients match them against /api/cases/statuses.
    assert {s["name"] for s in body["allowed"]} == {"Under Review", "Active", "Cancelled"}


def test_a_status_that_requires_a_reason_refuses_an_empty_one(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Cancelled").pk), "reason": " "}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "reason_required"
    assert response.json()["field"] == "reason"
    ok = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Cancelled").pk), "reason": "Moved away"}
    )
    assert ok.status_code == 200
    assert ok.json()["closure_reason"] == "Moved away"


def test_the_transition_graph_is_data(api_as, caseworker, contact):
    intake = status("Intake")
    intake.can_transition_to.add(status("Closed - Successful"))
    api = api_as(caseworker)
    case = open_case(api, contact)
    response = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Closed - Successful").pk)}
    )
    assert response.status_code == 200


def test_a_status_change_with_a_stale_row_version_is_409(api_as, caseworker, contact):
    api = api_as(caseworker)
    case = open_case(api, contact)
    api.put(f"/cases/{case['id']}", {"row_version": 1, "title": "Edited"})
    response = api.put(
        f"/cases/{case['id']}/status", {"new_status_id": str(status("Active").pk), "row_version": 1}
    )
    assert response.status_code == 409


def test_a_viewer_cannot_change_a_status(api_as, viewer):
    case = CaseFactory()
    response = api_as(viewer).put(f"/cases/{case.pk}/status", {"new_status_id": str(status("Active").pk)})
    assert response.status_code == 403


# --- notes ---------------------------------------------------------------------------------------------------


def test_adding_the_seed_example_note(api_as, caseworker):
    case = CaseFactory()
    response = api_as(caseworker).post(
        "/cases/notes",
        {
            "case_id": str(case.pk),
            "note_type": "call",
            "subject": "Follow-up call",
            "content": "Spoke with client about housing options. Referred to Oak Street Housing Program.",
            "is_internal": False,
            "is_important": True,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["note_type"] == "call"
    assert body["is_important"] is True
    assert body["created_by"]["id"] == str(caseworker.pk)


def test_notes_are_listed_newest_first_with_their_author(api_as, caseworker, viewer):
    case = CaseFactory()
    api = api_as(caseworker)
    for n in range(3):
        api.post("/cases/notes", {"case_id": str(case.pk), "content": f"note {n}"})
    response = api_as(viewer).get(f"/cases/{case.pk}/notes")
    assert response.status_code == 200
    assert [n["content"] for n in response.json()] == ["note 2", "note 1", "note 0"]
    assert response.json()[0]["created_by"]["email"] == caseworker.email


def test_listing_notes_costs_a_fixed_number_of_queries(
    api_as, viewer, caseworker, django_assert_max_num_queries
):
    case = CaseFactory()
    CaseNoteFactory.create_batch(20, case=case, created_by=caseworker)
    api = api_as(viewer)
    with django_assert_max_num_queries(3):
        response = api.get(f"/cases/{case.pk}/notes")
    assert len(response.json()) == 20


@pytest.mark.parametrize(
    ("override", "field", "status_code"),
    [
        ({"note_type": "telegram"}, "note_type", 422),
        ({"note_type": "status_change"}, "note_type", 422),
        ({"content": ""}, "content", 422),
        ({"content": "   "}, "content", 422),
        ({"case_id": str(uuid.uuid4())}, "case_id", 404),
    ],
)
def test_a_bad_note_is_refused_naming_the_field(api_as, caseworker, override, field, status_code):
    case = CaseFactory()
    body = {"case_id": str(case.pk), "content": "hello", **override}
    response = api_as(caseworker).post("/cases/notes", body)
    assert response.status_code == status_code
    assert response.json()["field"] == field
    assert not CaseNote.objects.filter(case=case).exists()


def test_a_viewer_cannot_add_a_note(api_as, viewer):
    case = CaseFactory()
    response = api_as(viewer).post("/cases/notes", {"case_id": str(case.pk), "content": "hello"})
    assert response.status_code == 403


def test_the_case_detail_shows_milestone_progress(api_as, caseworker):
    case = CaseFactory()
    api = api_as(caseworker)
    for name in ("Intake interview", "Housing application", "Move in"):
        assert api.post(f"/cases/{case.pk}/milestones", {"milestone_name": name}).status_code == 201
    first = api.get(f"/cases/{case.pk}/milestones").json()["milestones"][0]
    api.put(f"/milestones/{first['id']}", {"is_completed": True})
    progress = api.get(f"/cases/{case.pk}").json()["milestone_progress"]
    assert progress == {"completed": 1, "total": 3, "percent": 33}
