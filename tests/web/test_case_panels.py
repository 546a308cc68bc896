"""The case detail's panels: documents (list, upload, download), services, milestones, related cases."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.cases.plan.models import CaseMilestone
from casework.cases.plan.services import delivered, milestones, relationships
from casework.documents.models import CaseDocument
from tests.cases.factories import CaseFactory
from tests.documents.conftest import store_document
from tests.documents.samples import TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def detail_url(case) -> str:
    return reverse("web:case_detail", args=[case.pk])


def test_the_panels_render_with_documents_services_milestones_and_related_cases(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    other = CaseFactory(title="The neighbour's case")
    store_document(case, document_name="intake-notes.txt", uploaded_by=caseworker)
    milestones.add_milestone(actor=caseworker, case_id=case.pk, milestone_name="First meeting")
    delivered.add_delivered_service(
        actor=caseworker, case_id=case.pk, service_name="Budget advice", service_date=case.intake_date
    )
    relationships.add_relationship(
        actor=caseworker, case_id=case.pk, related_case_id=other.pk, relationship_type="related"
    )
    page = client_as(caseworker).get(detail_url(case)).content.decode()
    assert "intake-notes.txt" in page
    assert "Budget advice" in page
    assert "First meeting" in page
    assert "0 of 1 completed (0 %)" in page
    assert other.case_number in page
    assert 'action="{}"'.format(reverse("web:upload_document", args=[case.pk])) in page


def test_a_viewer_does_not_see_a_restricted_document_and_its_download_is_404(client_as, viewer, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    secret = store_document(case, document_name="secret.txt", access_level="restricted")
    public = store_document(case, document_name="leaflet.txt", access_level="public")
    client = client_as(viewer)
    page = client.get(detail_url(case)).content.decode()
    assert "secret.txt" not in page
    assert "leaflet.txt" in page
    assert "Upload a document" not in page
    assert client.get(reverse("web:download_document", args=[secret.pk])).status_code == 404
    response = client.get(reverse("web:download_document", args=[public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT


def test_a_caseworker_uploads_a_text_file_and_sees_it_listed(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    client = client_as(caseworker)
    response = client.post(
        reverse("web:upload_document", args=[case.pk]),
        {
            "file": SimpleUploadedFile("visit-notes.txt", TEXT, "text/plain"),
            "document_type": "report",
            "access_level": "restricted",
            "description": "After the visit",
        },
    )
    assert response.status_code == 302
    document = CaseDocument.objects.get(case=case)
    assert (document.access_level, document.uploaded_by) == ("restricted", caseworker)
    page = client.get(detail_url(case)).content.decode()
    assert "visit-notes.txt" in page
    assert reverse("web:download_document", args=[document.pk]) in page


def test_a_file_of_a_refused_type_shows_the_error_by_the_file_field(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    response = client_as(caseworker).post(
        reverse("web:upload_document", args=[case.pk]),
        {
            "file": SimpleUploadedFile("tool.exe", b"MZ\x90\x00binary", "application/octet-stream"),
            "document_type": "other",
            "access_level": "standard",
        },
    )
    assert response.status_code == 415
    assert "Files of this type are not accepted." in response.content.decode()
    assert not CaseDocument.objects.filter(case=case).exists()


def test_a_caseworker_may_not_file_at_a_level_they_could_not_see(client_as, caseworker):
    case = CaseFactory()  # not assigned to them: restricted and confidential are not theirs to file
    page = client_as(caseworker).get(detail_url(case)).content.decode()
    assert 'value="standard"' in page
    assert 'value="confidential"' not in page


def test_completing_and_reopening_a_milestone_through_the_panel(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    milestone = milestones.add_milestone(actor=caseworker, case_id=case.pk, milestone_name="Plan agreed")
    client = client_as(caseworker)
    url = reverse("web:toggle_milestone", args=[case.pk, milestone.pk])
    response = client.post(url, {"is_completed": "on", "row_version": milestone.row_version})
    assert response.status_code == 302
    milestone = CaseMilestone.objects.get(pk=milestone.pk)
    assert milestone.is_completed and milestone.completed_date is not None
    assert "1 of 1 completed (100 %)" in client.get(detail_url(case)).content.decode()
    client.post(url, {"row_version": milestone.row_version})
    assert not CaseMilestone.objects.get(pk=milestone.pk).is_completed


def test_a_stale_milestone_form_is_a_conflict(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    milestone = milestones.add_milestone(actor=caseworker, case_id=case.pk, milestone_name="Plan agreed")
    url = reverse("web:toggle_milestone", args=[case.pk, milestone.pk])
    response = client_as(caseworker).post(
        url, {"is_completed": "on", "row_version": milestone.row_version + 5}
    )
    assert response.status_code == 409
