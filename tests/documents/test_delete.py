"""DELETE /api/documents/{document_id}: managers and admins, or the uploader of every version; files go after
the commit."""

import uuid

import pytest

from casework.audit.models import AuditEvent
from casework.documents import services
from casework.documents.models import CaseDocument
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def versions_of(document, actor, count: int = 1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for _ in range(count):
        document = services.add_version(
            actor=actor, document=document, upload=SimpleUploadedFile("v.txt", b"next version\n")
        )
    return document


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_a_manager_or_admin_deletes_a_document_with_all_its_versions_and_files(
    request, api_as, caseworker, case, document_on, media_root, django_capture_on_commit_callbacks, role
):
    first = document_on(case, uploaded_by=caseworker)
    versions_of(first, caseworker, 2)
    assert len(stored_files(media_root)) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(request.getfixturevalue(role)).delete(f"/documents/{first.pk}")

    assert response.status_code == 204
    assert not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_the_files_stay_until_the_deletion_commits(
    manager, case, document_on, media_root, django_capture_on_commit_callbacks
):
    document = document_on(case)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delete_document(actor=manager, document=document)

    assert len(stored_files(media_root)) == 1
    callbacks[0]()
    assert stored_files(media_root) == []


def test_a_caseworker_deletes_a_document_they_uploaded(
    api_as, caseworker, case, document_on, django_capture_on_commit_callbacks
):
    document = versions_of(document_on(case, uploaded_by=caseworker), caseworker)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(caseworker).delete(f"/documents/{document.pk}")

    assert response.status_code == 204
    assert not CaseDocument.objects.exists()


def test_a_caseworker_may_not_delete_someone_elses_document(api_as, caseworker, manager, case, document_on):
    document = document_on(case, uploaded_by=manager)

    response = api_as(caseworker).delete(f"/documents/{document.pk}")

    assert response.status_code == 403
    assert response.json()["code"] == "document_delete_denied"
    assert CaseDocument.objects.exists()


def test_a_caseworker_may_not_delete_their_document_once_someone_else_added_a_version(
    api_as, caseworker, manager, case, document_on
):
    document = versions_of(document_on(case, uploaded_by=caseworker), manager)

    assert api_as(caseworker).delete(f"/documents/{document.pk}").status_code == 403


def test_a_viewer_may_not_delete_even_their_own_upload(api_as, viewer, case, document_on):
    document = document_on(case, uploaded_by=viewer)

    assert api_as(viewer).delete(f"/documents/{document.pk}").status_code == 403


def test_deleting_a_document_the_caller_cannot_see_is_404(api_as, caseworker, case, document_on):
    document = document_on(case, access_level="confidential", uploaded_by=caseworker)

    assert api_as(caseworker).delete(f"/documents/{document.pk}").status_code == 404
    assert CaseDocument.objects.exists()


def test_deleting_an_unknown_document_is_404(api_as, manager):
    assert api_as(manager).delete(f"/documents/{uuid.uuid4()}").status_code == 404


def test_an_anonymous_caller_may_not_delete(api_as, case, document_on):
    document = document_on(case, access_level="public")

    assert api_as(None).delete(f"/documents/{document.pk}").status_code == 401


def test_a_deletion_is_audited_with_what_was_deleted(
    api_as, manager, case, document_on, django_capture_on_commit_callbacks
):
    document = document_on(case, document_name="old.txt")

    with django_capture_on_commit_callbacks(execute=True):
        api_as(manager).delete(f"/documents/{document.pk}")

    event = AuditEvent.objects.get(verb="document.deleted")
    assert event.target_id == str(case.pk)
    assert (event.data["document_name"], event.data["versions"]) == ("old.txt", 1)
