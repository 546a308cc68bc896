"""Deleting a case removes its documents' stored files once the deletion commits."""

import pytest

from casework.core.events import publish
from tests.cases.factories import CaseFactory
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_the_files_of_a_deleted_case_are_removed_after_the_commit(
    case, document_on, media_root, django_capture_on_commit_callbacks
):
    document_on(case)
    document_on(case)
    kept = document_on(CaseFactory())

    with django_capture_on_commit_callbacks(execute=True):
        # What cases.services.delete_case is to publish before it deletes the case.
        publish("case.deleting", case=case)
        case.delete()

    assert [p.name for p in stored_files(media_root)] == [kept.file.name.rsplit("/", 1)[1]]
