"""POST /api/cases/{case_id}/documents: storing, naming, size and type checks, who may upload."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.audit.models import AuditEvent
from casework.cases.models import CaseNote
from casework.documents import services
from casework.documents.models import CaseDocument
from tests.documents import samples
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_a_caseworker_uploads_a_document_to_a_case(api_as, caseworker, case, upload, media_root):
    response = upload(
        api_as(caseworker),
        f"/cases/{case.pk}/documents",
        filename="intake form.pdf",
        content=samples.PDF,
        document_type="intake",
        access_level="public",
        description="Signed intake form",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["document_name"] == "intake form.pdf"
    assert body["document_type"] == "intake"
    assert body["access_level"] == "public"
    assert body["description"] == "Signed intake form"
    assert body["mime_type"] == "application/pdf"
    assert body["file_size"] == len(samples.PDF)
    assert body["version"] == 1
    assert body["uploaded_by"]["email"] == caseworker.email
    assert [v["id"] for v in body["versions"]] == [body["id"]]
    assert body["download_url"] == f"/api/documents/{body['id']}/download"
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == samples.PDF


def test_the_stored_name_is_generated_and_never_the_uploaders(api_as, caseworker, case, upload, media_root):
    response = upload(
        api_as(caseworker), f"/cases/{case.pk}/documents", filename="my secret plan.pdf", content=samples.PDF
    )

    document = CaseDocument.objects.get(pk=response.json()["id"])
    folder, name = document.file.name.rsplit("/", 1)
    assert folder == f"case-documents/{case.pk}"
    stem, extension = name.split(".")
    assert uuid.UUID(hex=stem) and extension == "pdf"
    assert "secret" not in document.file.name


def test_a_file_named_dot_dot_etc_passwd_is_stored_inside_the_media_root(
    api_as, caseworker, case, upload, media_root, tmp_path
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename="../../etc/passwd.txt")

    assert response.status_code == 201, response.json()
    assert response.json()["document_name"] == "passwd.txt"
    [stored] = stored_files(media_root)
    assert stored.parent == media_root / "case-documents" / str(case.pk)
    assert not (tmp_path / "etc").exists()


def test_a_file_named_dot_dot_etc_passwd_without_an_extension_is_refused_and_nothing_is_stored(
    api_as, caseworker, case, upload, media_root
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename="../../etc/passwd")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_file_type"
    assert stored_files(media_root) == []
    assert not CaseDocument.objects.exists()


def test_windows_style_directories_are_stripped_from_the_name_the_service_is_given(
    caseworker, case, media_root
):
    upload = SimpleUploadedFile("..\\..\\Windows\\boot.ini.txt", samples.TEXT)

    document = services.upload_document(
        actor=caseworker, case=case, upload=upload, document_type="other", access_level="standard"
    )

    assert document.document_name == "boot.ini.txt"
    assert stored_files(media_root)[0].is_relative_to(media_root / "case-documents")


@pytest.mark.parametrize(("filename", "content", "mime_type"), samples.ACCEPTED)
def test_every_accepted_kind_of_file_is_stored_with_the_type_read_from_its_content(
    api_as, caseworker, case, upload, filename, content, mime_type
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename=filename, content=content)

    assert response.status_code == 201, response.json()
    assert response.json()["mime_type"] == mime_type


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("invoice.pdf", samples.EXECUTABLE),
        ("invoice.pdf", samples.HTML),
        ("photo.png", samples.JPEG),
        ("letter.docx", samples.ZIP),
        ("notes.txt", samples.EXECUTABLE),
        ("notes.txt", samples.HTML),
        ("budget.csv", samples.PNG),
        ("old-letter.doc", samples.PDF),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused_with_415(
    api_as, caseworker, case, upload, media_root, filename, content
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename=filename, content=content)

    assert response.status_code == 415
    assert response.json()["code"] == "file_content_mismatch"
    assert response.json()["field"] == "file"
    assert stored_files(media_root) == []


@pytest.mark.parametrize("filename", ["setup.exe", "page.html", "drawing.svg", "archive.zip", "README"])
def test_a_file_type_outside_the_allow_list_is_refused_with_415(api_as, caseworker, case, upload, filename):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename=filename)

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_file_type"
    assert "pdf" in response.json()["accepted"]


def test_a_file_over_the_configured_limit_is_refused_with_413(
    api_as, caseworker, case, upload, settings, media_root
):
    settings.CASEWORK_MAX_UPLOAD_BYTES = 32

    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", content=b"x" * 33)

    assert response.status_code == 413
    assert response.json() == {
        "code": "file_too_large",
        "message": "The file is larger than the 32 bytes allowed",
        "field": "file",
        "max_bytes": 32,
    }
    assert stored_files(media_root) == []


def test_a_file_exactly_at_the_configured_limit_is_accepted(api_as, caseworker, case, upload, settings):
    settings.CASEWORK_MAX_UPLOAD_BYTES = 32

    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", content=b"x" * 32)

    assert response.status_code == 201


def test_the_limit_defaults_to_25_megabytes(settings):
    del settings.CASEWORK_MAX_UPLOAD_BYTES

    assert services.max_upload_bytes() == 25 * 1024 * 1024


def test_an_empty_file_is_refused_with_422(api_as, caseworker, case, upload):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", content=b"")

    assert response.status_code == 422
    assert response.json()["code"] == "empty_file"


def test_an_upload_without_a_file_is_refused_with_422(api_as, caseworker, case, upload):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", content=None, document_type="other")

    assert response.status_code == 422
    assert response.json()["field"] == "file"


@pytest.mark.parametrize(("field", "value"), [("document_type", "invoice"), ("access_level", "secret")])
def test_an_unknown_document_type_or_access_level_is_refused_with_422(
    api_as, caseworker, case, upload, field, value
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", **{field: value})

    assert response.status_code == 422
    assert response.json()["field"] == field


def test_an_upload_records_an_audit_event_and_a_timeline_note(api_as, caseworker, case, upload):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", filename="visit.txt")

    event = AuditEvent.objects.get(verb="document.uploaded")
    assert event.target_id == str(case.pk)
    assert event.actor == caseworker
    assert event.data["document_id"] == response.json()["id"]
    assert CaseNote.objects.get(case=case).content == "Document uploaded: visit.txt"


def test_a_confidential_upload_is_audited_but_kept_off_the_timeline(api_as, caseworker, case_of, upload):
    upload(api_as(caseworker), f"/cases/{case_of.pk}/documents", access_level="confidential")

    assert AuditEvent.objects.filter(verb="document.uploaded", target_id=str(case_of.pk)).exists()
    assert not CaseNote.objects.filter(case=case_of).exists()


def test_a_failed_transaction_leaves_no_file_and_no_row(caseworker, case, media_root, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(services, "record_event", broken_audit)

    with pytest.raises(RuntimeError):
        services.upload_document(
            actor=caseworker,
            case=case,
            upload=SimpleUploadedFile("notes.txt", samples.TEXT),
            document_type="other",
            access_level="standard",
        )

    assert stored_files(media_root) == []
    assert not CaseDocument.objects.exists()


def test_a_viewer_may_not_upload(api_as, viewer, case, upload):
    response = upload(api_as(viewer), f"/cases/{case.pk}/documents")

    assert response.status_code == 403


def test_an_anonymous_caller_may_not_upload(api_as, case, upload):
    response = upload(api_as(None), f"/cases/{case.pk}/documents")

    assert response.status_code == 401


def test_uploading_to_an_unknown_case_is_404(api_as, caseworker, upload):
    response = upload(api_as(caseworker), f"/cases/{uuid.uuid4()}/documents")

    assert response.status_code == 404


@pytest.mark.parametrize("access_level", ["restricted", "confidential"])
def test_a_caseworker_may_not_file_a_document_they_could_not_see(
    api_as, caseworker, case, upload, media_root, access_level
):
    response = upload(api_as(caseworker), f"/cases/{case.pk}/documents", access_level=access_level)

    assert response.status_code == 403
    assert response.json()["code"] == "access_level_not_allowed"
    assert response.json()["field"] == "access_level"
    assert stored_files(media_root) == []


def test_a_caseworker_files_a_restricted_document_on_their_teams_case(
    api_as, caseworker, housing_team, upload
):
    from tests.cases.factories import CaseFactory

    team_case = CaseFactory(assigned_team=housing_team)

    response = upload(api_as(caseworker), f"/cases/{team_case.pk}/documents", access_level="restricted")

    assert response.status_code == 201


def test_a_manager_files_a_confidential_document_on_any_case(api_as, manager, case, upload):
    response = upload(api_as(manager), f"/cases/{case.pk}/documents", access_level="confidential")

    assert response.status_code == 201
