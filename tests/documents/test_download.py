"""GET /api/documents/{document_id}/download: a streamed attachment, recorded on the case."""

import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.audit.models import AuditEvent
from casework.cases.models import CaseNote
from casework.documents import services
from tests.documents import samples

pytestmark = pytest.mark.django_db


def read(response) -> bytes:
    """The body of a streamed response (consuming it lets the test client finish the request)."""
    return b"".join(response.streaming_content)


def test_a_download_streams_the_file_as_an_attachment_under_its_sanitized_name(
    api_as, viewer, case, caseworker
):
    upload = SimpleUploadedFile('..\\"weird"\x07\tname;.pdf', samples.PDF)
    document = services.upload_document(
        actor=caseworker, case=case, upload=upload, document_type="other", access_level="standard"
    )

    response = api_as(viewer).get(f"/documents/{document.pk}/download")

    assert response.status_code == 200
    assert response.streaming
    assert read(response) == samples.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="_weird_name_.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_non_ascii_name_is_sent_encoded(api_as, viewer, case, document_on):
    document = document_on(case, document_name="Bodø rapport.txt")

    response = api_as(viewer).get(f"/documents/{document.pk}/download")

    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Bod%C3%B8%20rapport.txt"
    assert read(response) == samples.TEXT


def test_a_download_is_recorded_in_the_audit_trail_and_leaves_the_timeline_alone(
    api_as, viewer, case, document_on
):
    # Downloads are frequent; on the timeline they would bury the notes. The audit log is their record.
    document = document_on(case, access_level="public", document_name="leaflet.txt")
    notes_before = list(CaseNote.objects.filter(case=case).values_list("pk", flat=True))

    read(api_as(viewer).get(f"/documents/{document.pk}/download"))
    read(api_as(viewer).get(f"/documents/{document.pk}/download"))

    event = AuditEvent.objects.filter(verb="document.downloaded").first()
    assert (event.target_type, event.target_id, event.actor) == ("cases.case", str(case.pk), viewer)
    assert event.data["document_id"] == str(document.pk)
    assert event.data["version"] == 1
    assert AuditEvent.objects.filter(verb="document.downloaded", actor=viewer).count() == 2
    assert list(CaseNote.objects.filter(case=case).values_list("pk", flat=True)) == notes_before


def test_a_confidential_download_is_audited_but_not_put_on_the_timeline(api_as, manager, case, document_on):
    document = document_on(case, access_level="confidential")

    read(api_as(manager).get(f"/documents/{document.pk}/download"))

    assert AuditEvent.objects.filter(verb="document.downloaded", actor=manager).count() == 1
    assert not CaseNote.objects.filter(case=case).exists()


def test_a_denied_download_is_not_recorded(api_as, viewer, case, document_on):
    document = document_on(case, access_level="restricted")

    api_as(viewer).get(f"/documents/{document.pk}/download")

    assert not AuditEvent.objects.filter(verb="document.downloaded").exists()


def test_a_download_whose_file_has_vanished_is_404_and_not_recorded(api_as, viewer, case, document_on):
    document = document_on(case)
    default_storage.delete(document.file.name)

    response = api_as(viewer).get(f"/documents/{document.pk}/download")

    assert response.status_code == 404
    assert response.json()["code"] == "file_missing"
    assert not AuditEvent.objects.filter(verb="document.downloaded").exists()


def test_downloading_an_unknown_document_is_404(api_as, viewer):
    assert api_as(viewer).get(f"/documents/{uuid.uuid4()}/download").status_code == 404


def test_an_anonymous_caller_may_not_download(api_as, case, document_on):
    document = document_on(case, access_level="public")

    assert api_as(None).get(f"/documents/{document.pk}/download").status_code == 401
