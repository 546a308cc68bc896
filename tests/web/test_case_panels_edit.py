"""The case detail's editable panels: services, related cases and document versions, through the web UI."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.audit.models import AuditEvent
from casework.cases.plan.models import CaseRelationship, DeliveredService
from casework.cases.plan.services import delivered, relationships
from casework.documents.models import CaseDocument
from tests.cases.factories import CaseFactory
from tests.documents.conftest import store_document
from tests.documents.samples import TEXT

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def service_data(prefix: str = "service-new", **overrides: object) -> dict[str, object]:
    data = {
        "service_name": "Budget advice",
        "service_type": "financial",
        "service_provider": "Money Advice Ltd",
        "service_date": "2026-03-02",
        "start_time": "10:00",
        "end_time": "11:30",
        "status": "scheduled",
        "cost": "120.50",
        "currency": "dkk",
        "outcome": "",
        **overrides,
    }
    return {f"{prefix}-{key}": value for key, value in data.items()}


def add_service(case, actor) -> DeliveredService:
    return delivered.add_delivered_service(
        actor=actor, case_id=case.pk, service_name="Budget advice", service_date=case.intake_date
    )


# --- services ------------------------------------------------------------------------------------------------


def test_a_caseworker_adds_a_service_and_the_panel_comes_back_with_it(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    response = client_as(caseworker).post(reverse("web:add_service", args=[case.pk]), service_data(), **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="services"' in page and "Service added." in page and "Budget advice" in page
    service = DeliveredService.objects.get(case=case)
    assert (service.cost, service.currency, service.duration_minutes) == (Decimal("120.50"), "DKK", 90)
    assert service.created_by == caseworker
    assert AuditEvent.objects.filter(verb="case.service_added", target_id=str(case.pk)).exists()


def test_a_plain_post_adding_a_service_redirects_to_the_panel(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    response = client_as(caseworker).post(reverse("web:add_service", args=[case.pk]), service_data())
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{case.pk}/#services")


def test_a_service_ending_before_it_starts_is_shown_by_the_end_time(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    client = client_as(caseworker)
    url = reverse("web:add_service", args=[case.pk])
    response = client.post(url, service_data(start_time="12:00", end_time="11:00"), **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end time must be after the start time." in page
    assert 'id="id_service-new-end_time_error"' in page
    assert not DeliveredService.objects.exists()
    response = client.post(url, service_data(cost="-5"))  # a plain post: the page again, 422
    assert response.status_code == 422
    assert "id_service-new-cost_error" in response.content.decode()


def test_a_cost_with_more_than_two_decimals_is_refused(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    response = client_as(caseworker).post(
        reverse("web:add_service", args=[case.pk]), service_data(cost="1.005"), **HTMX
    )
    assert "id_service-new-cost_error" in response.content.decode()
    assert not DeliveredService.objects.exists()


def test_editing_a_service_ends_it_and_keeps_the_decimal_cost(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    service = add_service(case, caseworker)
    prefix = f"service-{service.pk}"
    data = service_data(prefix, status="completed", cost="99.99", row_version=service.row_version)
    response = client_as(caseworker).post(
        reverse("web:edit_service", args=[case.pk, service.pk]), data, **HTMX
    )
    assert response.status_code == 200
    assert "Service saved." in response.content.decode()
    service.refresh_from_db()
    assert (service.status, service.cost, service.row_version) == ("completed", Decimal("99.99"), 2)


def test_a_stale_service_edit_is_the_conflict_with_a_reload_button(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    service = add_service(case, caseworker)
    delivered.update_delivered_service(
        service.pk, actor=caseworker, changes={"status": "cancelled"}, expected_version=1
    )
    data = service_data(f"service-{service.pk}", status="completed", row_version=1)
    url = reverse("web:edit_service", args=[case.pk, service.pk])
    client = client_as(caseworker)
    page = client.post(url, data, **HTMX).content.decode()
    assert "Someone else changed this case" in page
    assert f'href="{reverse("web:case_detail", args=[case.pk])}"' in page and "Reload" in page
    assert client.post(url, data).status_code == 409
    assert DeliveredService.objects.get(pk=service.pk).status == "cancelled"


def test_removing_a_service(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    service = add_service(case, caseworker)
    response = client_as(caseworker).post(reverse("web:remove_service", args=[case.pk, service.pk]), **HTMX)
    assert "Service removed." in response.content.decode()
    assert not DeliveredService.objects.exists()
    assert AuditEvent.objects.filter(verb="case.service_removed").exists()


def test_a_service_of_another_case_is_not_found_through_this_one(client_as, caseworker):
    case, other = CaseFactory(), CaseFactory()
    service = add_service(other, caseworker)
    client = client_as(caseworker)
    assert client.post(reverse("web:remove_service", args=[case.pk, service.pk])).status_code == 404
    assert DeliveredService.objects.filter(pk=service.pk).exists()


def test_a_viewer_sees_services_but_no_forms_and_may_not_change_them(client_as, viewer, caseworker):
    case = CaseFactory()
    service = add_service(case, caseworker)
    client = client_as(viewer)
    page = client.get(reverse("web:case_detail", args=[case.pk])).content.decode()
    assert "Budget advice" in page
    assert "Add a service" not in page and "Link a case" not in page and "Upload new version" not in page
    assert client.post(reverse("web:add_service", args=[case.pk]), service_data()).status_code == 403
    edit = reverse("web:edit_service", args=[case.pk, service.pk])
    assert client.post(edit, service_data(f"service-{service.pk}", row_version=1)).status_code == 403
    assert client.post(reverse("web:remove_service", args=[case.pk, service.pk])).status_code == 403
    assert DeliveredService.objects.get(pk=service.pk).status == "scheduled"


# --- related cases -------------------------------------------------------------------------------------------


def test_searching_by_number_offers_other_cases_but_not_this_one(client_as, caseworker):
    case = CaseFactory(title="Eviction notice")
    other = CaseFactory(title="Eviction appeal")
    url = reverse("web:find_cases_to_link", args=[case.pk])
    page = client_as(caseworker).get(url, {"link-case_q": other.case_number}, **HTMX).content.decode()
    assert f'value="{other.pk}"' in page
    page = client_as(caseworker).get(url, {"link-case_q": "Eviction"}, **HTMX).content.decode()
    assert f'value="{other.pk}"' in page and f'value="{case.pk}"' not in page


def test_linking_a_case_writes_the_inverse_on_the_other_case(client_as, caseworker):
    case, other = CaseFactory(), CaseFactory(title="The mother's case")
    client = client_as(caseworker)
    data = {"link-related_case": other.pk, "link-relationship_type": "parent", "link-description": "Family"}
    response = client.post(reverse("web:add_relationship", args=[case.pk]), data, **HTMX)
    assert "Cases linked." in response.content.decode()
    assert CaseRelationship.objects.get(case=other).relationship_type == "child"
    other_page = client.get(reverse("web:case_detail", args=[other.pk])).content.decode()
    assert "Child of" in other_page and case.case_number in other_page


def test_linking_twice_or_to_itself_is_shown_by_the_field(client_as, caseworker):
    case, other = CaseFactory(), CaseFactory()
    relationships.add_relationship(
        actor=caseworker, case_id=case.pk, related_case_id=other.pk, relationship_type="related"
    )
    client = client_as(caseworker)
    url = reverse("web:add_relationship", args=[case.pk])
    page = client.post(
        url, {"link-related_case": other.pk, "link-relationship_type": "related"}, **HTMX
    ).content.decode()
    assert "These cases are already linked this way." in page
    response = client.post(url, {"link-related_case": case.pk, "link-relationship_type": "related"})
    assert response.status_code == 422
    assert "A case cannot be linked to itself." in response.content.decode()
    page = client.post(url, {"link-relationship_type": "related"}, **HTMX).content.decode()
    assert "Choose a case." in page
    assert CaseRelationship.objects.count() == 2


def test_unlinking_removes_both_sides(client_as, caseworker):
    case, other = CaseFactory(), CaseFactory()
    link = relationships.add_relationship(
        actor=caseworker, case_id=case.pk, related_case_id=other.pk, relationship_type="blocks"
    )
    response = client_as(caseworker).post(reverse("web:remove_relationship", args=[case.pk, link.pk]), **HTMX)
    assert "Link removed." in response.content.decode()
    assert not CaseRelationship.objects.exists()


def test_a_viewer_may_not_link_cases(client_as, viewer):
    case, other = CaseFactory(), CaseFactory()
    response = client_as(viewer).post(
        reverse("web:add_relationship", args=[case.pk]),
        {"link-related_case": other.pk, "link-relationship_type": "related"},
    )
    assert response.status_code == 403
    assert not CaseRelationship.objects.exists()


# --- document versions ---------------------------------------------------------------------------------------


def upload(document, client, content: bytes = TEXT, name: str = "visit-notes-v2.txt", **extra):
    key = f"version-{document.pk}"
    return client.post(
        reverse("web:add_document_version", args=[document.pk]),
        {f"{key}-file": SimpleUploadedFile(name, content, "text/plain"), f"{key}-description": ""},
        **extra,
    )


def test_a_new_version_is_listed_with_who_and_when_and_each_version_downloads(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    first = store_document(case, document_name="visit-notes.txt", uploaded_by=caseworker)
    client = client_as(caseworker)
    response = upload(first, client, b"second version\n", **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "New version uploaded." in page and "2 versions" in page
    second = CaseDocument.objects.get(case=case, version=2)
    assert reverse("web:download_document", args=[second.pk]) in page
    assert reverse("web:download_document", args=[first.pk]) in page
    assert "Cass Worker" in page
    old = client.get(reverse("web:download_document", args=[first.pk]))
    assert b"".join(old.streaming_content) == TEXT
    new = client.get(reverse("web:download_document", args=[second.pk]))
    assert b"".join(new.streaming_content) == b"second version\n"


def test_an_empty_new_version_is_shown_by_the_file_field(client_as, caseworker):
    case = CaseFactory(assigned_to=caseworker)
    document = store_document(case, document_name="visit-notes.txt", uploaded_by=caseworker)
    page = upload(document, client_as(caseworker), b"", **HTMX).content.decode()
    assert f"id_version-{document.pk}-file_error" in page
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_a_document_the_user_may_not_see_is_404_for_a_new_version(client_as, caseworker):
    case = CaseFactory()  # not theirs: its confidential documents are hidden from them
    secret = store_document(case, document_name="secret.txt", access_level="confidential")
    assert upload(secret, client_as(caseworker)).status_code == 404
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_a_viewer_may_not_upload_a_new_version(client_as, viewer, caseworker):
    case = CaseFactory()
    document = store_document(case, document_name="leaflet.txt", access_level="public")
    assert upload(document, client_as(viewer)).status_code == 403
    assert CaseDocument.objects.filter(case=case).count() == 1
