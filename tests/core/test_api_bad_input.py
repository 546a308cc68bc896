"""Bad input the API must answer with a 4xx JSON error naming the field, never a 500 (#14 item 7)."""

import pytest

from casework.cases.models import Case
from tests.cases.factories import CaseFactory, CaseNoteFactory
from tests.documents.conftest import multipart, store_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["is_urgent", "requires_followup", "priority"])
def test_putting_null_into_a_field_that_cannot_be_empty_is_422_naming_it_and_changes_nothing(
    api_as, admin, field
):
    case = CaseFactory(title="Before", is_urgent=True, requires_followup=True, priority="high")

    response = api_as(admin).put(
        f"/cases/{case.pk}", {"row_version": case.row_version, "title": "After", field: None}
    )

    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    stored = Case.objects.get(pk=case.pk)
    assert (stored.title, stored.is_urgent, stored.requires_followup, stored.priority) == (
        "Before",
        True,
        True,
        "high",
    )


def _upload_paths(case, note, document_id):
    return {
        "documents": f"/api/cases/{case.pk}/documents",
        "note attachments": f"/api/cases/notes/{note.pk}/attachments",
        "document versions": f"/api/documents/{document_id}/versions",
        "citizens import": "/api/admin/citizens",
    }


@pytest.mark.parametrize(
    "endpoint", ["documents", "note attachments", "document versions", "citizens import"]
)
def test_a_multipart_upload_without_a_boundary_is_a_json_400_naming_the_body(
    api_as, admin, endpoint, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = CaseFactory()
    note = CaseNoteFactory(case=case)
    api = api_as(admin)
    document = store_document(case, uploaded_by=admin)
    path = _upload_paths(case, note, document.pk)[endpoint]

    response = api.client.post(
        path,
        data=multipart({"description": "x"}, filename="a.txt", content=b"hello"),
        content_type="multipart/form-data",  # no boundary=
        headers=api._headers(),
    )

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "malformed_request"
    assert body["field"] == "body"
