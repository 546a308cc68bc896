"""GET /api/cases/{case_id}/documents: the latest versions the caller may see, each with its versions."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.documents import services
from tests.documents import samples

pytestmark = pytest.mark.django_db


def add_versions(document, actor, count: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    latest = document
    for n in range(count):
        latest = services.add_version(
            actor=actor, document=latest, upload=SimpleUploadedFile(f"notes-v{n + 2}.txt", samples.TEXT)
        )
    return latest


def test_the_list_shows_each_document_once_as_its_latest_version_with_all_versions(
    api_as, caseworker, case, document_on
):
    first = document_on(case, uploaded_by=caseworker)
    latest = add_versions(first, caseworker, 2)
    other = document_on(case, document_name="other.txt")

    body = api_as(caseworker).get(f"/cases/{case.pk}/documents").json()

    assert [d["id"] for d in body] == [str(other.pk), str(latest.pk)]
    versioned = body[1]
    assert versioned["version"] == 3
    assert versioned["is_latest"] is True
    assert [v["version"] for v in versioned["versions"]] == [3, 2, 1]
    assert versioned["versions"][-1]["id"] == str(first.pk)
    assert [v["version"] for v in body[0]["versions"]] == [1]


def test_the_list_does_not_show_other_cases_documents(api_as, caseworker, case, document_on):
    from tests.cases.factories import CaseFactory

    document_on(CaseFactory())

    assert api_as(caseworker).get(f"/cases/{case.pk}/documents").json() == []


def test_listing_takes_the_same_number_of_queries_for_one_document_or_many(
    api_as, caseworker, case, document_on, django_assert_num_queries
):
    api = api_as(caseworker)
    add_versions(document_on(case, uploaded_by=caseworker), caseworker, 1)
    # Token user, case, documents, versions.
    with django_assert_num_queries(4):
        assert len(api.get(f"/cases/{case.pk}/documents").json()) == 1

    for _ in range(4):
        add_versions(document_on(case, uploaded_by=caseworker), caseworker, 2)
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(f"/cases/{case.pk}/documents").json()) == 5
    assert len(many.captured_queries) == 4


def test_listing_documents_of_an_unknown_case_is_404(api_as, viewer):
    assert api_as(viewer).get(f"/cases/{uuid.uuid4()}/documents").status_code == 404


def test_an_anonymous_caller_may_not_list_documents(api_as, case):
    assert api_as(None).get(f"/cases/{case.pk}/documents").status_code == 401
