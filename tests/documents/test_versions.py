"""POST /api/documents/{document_id}/versions: a new latest version; the old ones are kept and listed."""

import uuid

import pytest

from casework.audit.models import AuditEvent
from casework.documents.models import CaseDocument
from tests.documents import samples
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_a_new_version_becomes_the_latest_and_the_old_one_is_kept(
    api_as, caseworker, case, document_on, upload
):
    first = document_on(case, document_type="report", access_level="standard", description="Draft")

    response = upload(
        api_as(caseworker),
        f"/documents/{first.pk}/versions",
        filename="report-final.pdf",
        content=samples.PDF,
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 2
    assert body["document_name"] == "report-final.pdf"
    assert (body["document_type"], body["access_level"], body["description"]) == (
        "report",
        "standard",
        "Draft",
    )
    assert [v["id"] for v in body["versions"]] == [body["id"], str(first.pk)]
    first.refresh_from_db()
    assert first.is_latest is False
    assert CaseDocument.objects.filter(case=case).count() == 2


def test_the_old_version_can_still_be_downloaded(api_as, caseworker, case, document_on, upload):
    first = document_on(case, content=b"first draft\n")
    upload(api_as(caseworker), f"/documents/{first.pk}/versions", content=b"second draft\n")

    response = api_as(caseworker).get(f"/documents/{first.pk}/download")

    assert b"".join(response.streaming_content) == b"first draft\n"


def test_a_new_version_may_replace_the_description(api_as, caseworker, case, document_on, upload):
    first = document_on(case, description="Draft")

    response = upload(api_as(caseworker), f"/documents/{first.pk}/versions", description="Signed")

    assert response.json()["description"] == "Signed"


def test_a_version_added_through_an_old_version_goes_to_the_end_of_the_chain(
    api_as, caseworker, case, document_on, upload
):
    first = document_on(case)
    api = api_as(caseworker)
    upload(api, f"/documents/{first.pk}/versions")

    response = upload(api, f"/documents/{first.pk}/versions")

    assert response.json()["version"] == 3
    assert CaseDocument.objects.filter(case=case, is_latest=True).count() == 1


def test_a_new_version_is_checked_like_an_upload(
    api_as, caseworker, case, document_on, upload, settings, media_root
):
    first = document_on(case)
    files_before = stored_files(media_root)
    api = api_as(caseworker)

    mismatch = upload(
        api, f"/documents/{first.pk}/versions", filename="invoice.pdf", content=samples.EXECUTABLE
    )
    settings.CASEWORK_MAX_UPLOAD_BYTES = 4
    too_large = upload(api, f"/documents/{first.pk}/versions")

    assert (mismatch.status_code, too_large.status_code) == (415, 413)
    assert stored_files(media_root) == files_before
    assert CaseDocument.objects.count() == 1


def test_a_new_version_is_audited(api_as, caseworker, case, document_on, upload):
    first = document_on(case)

    upload(api_as(caseworker), f"/documents/{first.pk}/versions")

    event = AuditEvent.objects.get(verb="document.version_added")
    assert event.data["previous_version_id"] == str(first.pk)
    assert event.data["version"] == 2


def test_a_viewer_may_not_add_a_version(api_as, viewer, case, document_on, upload):
    first = document_on(case, access_level="public")

    assert upload(api_as(viewer), f"/documents/{first.pk}/versions").status_code == 403


def test_adding_a_version_to_a_document_the_caller_cannot_see_is_404(
    api_as, caseworker, case, document_on, upload, media_root
):
    hidden = document_on(case, access_level="confidential")
    files_before = stored_files(media_root)

    response = upload(api_as(caseworker), f"/documents/{hidden.pk}/versions")

    assert response.status_code == 404
    assert stored_files(media_root) == files_before


def test_adding_a_version_to_an_unknown_document_is_404(api_as, caseworker, upload):
    assert upload(api_as(caseworker), f"/documents/{uuid.uuid4()}/versions").status_code == 404


def test_an_anonymous_caller_may_not_add_a_version(api_as, case, document_on, upload):
    first = document_on(case, access_level="public")

    assert upload(api_as(None), f"/documents/{first.pk}/versions").status_code == 401


def test_the_database_refuses_two_latest_versions_in_one_chain(case, document_on):
    from django.db import IntegrityError, transaction

    first = document_on(case)

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDocument.objects.create(
            case=case,
            parent_document=first,
            version=2,
            document_name="x.txt",
            mime_type="text/plain",
            file="x",
        )
