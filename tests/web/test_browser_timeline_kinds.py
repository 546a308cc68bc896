"""Every kind of timeline entry the system writes reads in the reader's language in the browser: one entry of
each kind (written through the services, for speed), the case page in Danish and in Hebrew, each entry's text as
the catalog translates it and none of the English sentences."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from casework.cases.models import Case, CaseNote, NoteType
from casework.cases.services import change_case_status
from casework.cases.timeline import NoteKind, entry, render
from casework.documents.services import add_version, delete_document, upload_document
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cases.factories import status
from tests.cases.test_api import open_case
from tests.conftest import ApiClient
from tests.contacts.factories import ContactFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGE_BUTTONS = {"da": "Dansk", "he": "עברית"}


@pytest.fixture
def worker(live_server):
    reseed()
    return UserFactory(
        email="sam.worker@example.org", role_id="manager", first_name="Sam", last_name="Worker"
    )


@pytest.fixture
def case_with_every_kind(worker) -> Case:
    """Intake, status change, assignment, document uploaded, new version, deleted, and a download note as
    written before downloads left the timeline."""
    body = open_case(ApiClient(worker), ContactFactory(), assigned_to=str(worker.pk))
    case = Case.objects.get(pk=body["id"])
    change_case_status(case.pk, new_status_id=status("Active").pk, actor=worker, reason="Papers in")
    other = UserFactory(first_name="Olga", last_name="Other", role_id="caseworker")
    moved = ApiClient(worker).put(f"/cases/{case.pk}/assignment", {"assigned_to": str(other.pk)})
    assert moved.status_code == 200, moved.json()
    lease = SimpleUploadedFile("lease.txt", b"The lease.\n", content_type="text/plain")
    first = upload_document(
        actor=worker, case=case, upload=lease, document_type="other", access_level="standard"
    )
    second = add_version(
        actor=worker,
        document=first,
        upload=SimpleUploadedFile("lease.txt", b"v2\n", content_type="text/plain"),
    )
    old_download = entry(NoteKind.DOCUMENT_DOWNLOADED, name="lease.txt", version=1)
    CaseNote.objects.create(
        case=case, note_type=NoteType.UPDATE, is_internal=True, created_by=worker, **old_download.fields()
    )
    delete_document(actor=worker, document=second)
    kinds = set(CaseNote.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {kind.value for kind in NoteKind} - {NoteKind.WRITTEN}
    return case


def _first_lines(case: Case, language: str) -> dict[str, tuple[str, str]]:
    """Each system note's first line (its sentence), in English and in `language`."""
    lines = {}
    for note in CaseNote.objects.filter(case=case).exclude(kind=NoteKind.WRITTEN):
        with override("en"):
            english = render(note.kind, note.params, note.content).split("\n")[0]
        with override(language):
            translated = render(note.kind, note.params, note.content).split("\n")[0]
        lines[note.kind] = (english, translated)
    return lines


@pytest.mark.parametrize("language", ["da", "he"])
def test_every_timeline_kind_reads_in_the_readers_language(
    page, live_server, worker, case_with_every_kind, language
):
    sign_in(page, live_server.url, worker.email, PASSWORD)
    page.get_by_role("button", name=LANGUAGE_BUTTONS[language]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    page.goto(f"{live_server.url}/cases/{case_with_every_kind.pk}/")
    timeline = page.locator("#timeline")
    expect(timeline).to_be_visible()
    text = re.sub(r"\s+", " ", timeline.inner_text())

    for kind, (english, translated) in _first_lines(case_with_every_kind, language).items():
        assert translated != english, kind
        assert re.sub(r"\s+", " ", translated) in text, (kind, translated)
        assert english not in text, (kind, english)
    for subject in ("Assignment changed", "Case opened"):
        assert subject not in text, subject
