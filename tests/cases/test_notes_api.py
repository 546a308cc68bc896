"""Notes through the API for integrators: the case's notes path also takes new notes (#14 item 12)."""

import pytest

from casework.cases.models import CaseNote
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_note_posted_to_the_cases_notes_path_is_listed_there(api_as, admin):
    case = CaseFactory()
    api = api_as(admin)

    response = api.post(f"/cases/{case.pk}/notes", {"content": "Called the tenant", "note_type": "call"})

    assert response.status_code == 201, response.json()
    assert response.json()["case_id"] == str(case.pk)
    listed = api.get(f"/cases/{case.pk}/notes").json()
    assert [(n["note_type"], n["content"]) for n in listed if n["kind"] == "written"] == [
        ("call", "Called the tenant")
    ]


def test_the_original_notes_endpoint_still_takes_the_case_in_the_body(api_as, admin):
    case = CaseFactory()

    response = api_as(admin).post("/cases/notes", {"case_id": str(case.pk), "content": "Met at the office"})

    assert response.status_code == 201, response.json()
    assert CaseNote.objects.filter(case=case, content="Met at the office").exists()


def test_the_schema_does_not_offer_status_change_as_a_note_type_to_send(api_as, admin):
    schema = api_as(admin).get("/openapi.json").json()["components"]["schemas"]

    assert "status_change" not in schema["NoteIn"]["properties"]["note_type"]["enum"]
    assert "status_change" in schema["NoteOut"]["properties"]["note_type"]["enum"]
