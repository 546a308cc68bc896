"""POST /api/cases/notes/{note_id}/attachments: files on the timeline reuse the document store."""

import uuid

import pytest

from casework.cases.models import CaseNote
from casework.documents.models import CaseDocument
from tests.cases.factories import CaseNoteFactory
from tests.documents import samples

pytestmark = pytest.mark.django_db


def test_a_file_attached_to_a_note_is_a_case_document_listed_on_the_note(api_as, caseworker, case, upload):
    note = CaseNoteFactory(case=case, subject="Call with landlord")
    response = upload(
        api_as(caseworker), f"/cases/notes/{note.pk}/attachments", filename="letter.pdf", content=samples.PDF
    )
    assert response.status_code == 201, response.json()
    document = CaseDocument.objects.get(pk=response.json()["id"])
    assert document.case == case
    assert document.access_level == "standard"
    attachments = CaseNote.objects.get(pk=note.pk).attachments
    assert attachments == [
        {
            "document_id": str(document.pk),
            "document_name": "letter.pdf",
            "mime_type": "application/pdf",
            "file_size": len(samples.PDF),
            "access_level": "standard",
        }
    ]
    listed = api_as(caseworker).get(f"/cases/{case.pk}/notes").json()
    assert next(n for n in listed if n["id"] == str(note.pk))["attachments"][0]["document_id"] == str(
        document.pk
    )


def test_two_attachments_are_both_kept(api_as, caseworker, case, upload):
    note = CaseNoteFactory(case=case)
    for name in ("a.txt", "b.txt"):
        assert (
            upload(api_as(caseworker), f"/cases/notes/{note.pk}/attachments", filename=name).status_code
            == 201
        )
    assert [a["document_name"] for a in CaseNote.objects.get(pk=note.pk).attachments] == ["a.txt", "b.txt"]


def test_restricted_files_do_not_go_on_the_timeline(api_as, manager, case, upload):
    note = CaseNoteFactory(case=case)
    response = upload(api_as(manager), f"/cases/notes/{note.pk}/attachments", access_level="confidential")
    assert response.status_code == 422
    assert response.json()["field"] == "access_level"
    assert not CaseDocument.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_and_the_note_unchanged(api_as, caseworker, case, upload):
    note = CaseNoteFactory(case=case)
    response = upload(
        api_as(caseworker),
        f"/cases/notes/{note.pk}/attachments",
        filename="invoice.pdf",
        content=b"MZ\x90\x00" + bytes(64),
    )
    assert response.status_code == 415
    assert CaseNote.objects.get(pk=note.pk).attachments == []


def test_attaching_needs_the_note_permission_and_a_real_note(api_as, viewer, caseworker, case, upload):
    note = CaseNoteFactory(case=case)
    assert upload(api_as(viewer), f"/cases/notes/{note.pk}/attachments").status_code == 403
    assert upload(api_as(caseworker), f"/cases/notes/{uuid.uuid4()}/attachments").status_code == 404
