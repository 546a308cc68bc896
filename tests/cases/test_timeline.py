"""The timeline entries the system writes are a kind plus parameters, read in the reader's language.

Every writer (intake, status change, assignment, documents) stores its kind and the raw values; the case page
reads them in English, Danish and Hebrew with the seeded names translated; the API gives `kind` and `params`
beside the English `content`; the sentences stored before the kinds existed are read back into kinds.
"""

import re
import typing

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from casework.cases.models import CaseNote
from casework.cases.schemas import NoteKindName
from casework.cases.services import change_case_status
from casework.cases.timeline import NoteKind, entry, parse_english, render
from casework.documents.services import delete_document, record_download, upload_document
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type, status
from tests.cases.test_api import open_case
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]")


@pytest.fixture
def opened(api_as, caseworker, manager):
    """A Housing case opened through the API by phone with a referral, assigned, moved to Active with a
    reason, then reassigned by a manager: one entry of each case kind."""
    api = api_as(caseworker)
    case = open_case(api, ContactFactory(), assigned_to=str(caseworker.pk))
    moved = api.put(
        f"/cases/{case['id']}/status",
        {"new_status_id": str(status("Active").pk), "reason": "Papers in", "notes": "Called the landlord."},
    )
    assert moved.status_code == 200, moved.json()
    other = UserFactory(first_name="Olga", last_name="Other", role_id="caseworker")
    reassigned = api_as(manager).put(
        f"/cases/{case['id']}/assignment", {"assigned_to": str(other.pk), "reason": "Leave"}
    )
    assert reassigned.status_code == 200, reassigned.json()
    return case


def _by_kind(case_id) -> dict[str, CaseNote]:
    return {note.kind: note for note in CaseNote.objects.filter(case_id=case_id)}


def test_each_case_writer_stores_its_kind_and_raw_values(opened, caseworker):
    notes = _by_kind(opened["id"])
    assert notes["intake"].params == {
        "case_type": "Housing",
        "source": "phone",
        "referral": "Community Outreach Center",
        "description": "Client needs temporary housing assistance",
    }
    assert notes["intake"].content == (
        "Intake: Housing case opened via phone, referred by Community Outreach Center."
        "\n\nClient needs temporary housing assistance"
    )
    assert notes["status_changed"].params == {
        "previous": "Intake",
        "new": "Active",
        "reason": "Papers in",
        "notes": "Called the landlord.",
    }
    assert notes["status_changed"].content == (
        "Status changed from Intake to Active.\nReason: Papers in\n\nCalled the landlord."
    )
    assert notes["assigned"].params == {"to": "Olga Other", "was": str(caseworker), "reason": "Leave"}
    assert notes["assigned"].content == f"Assigned to Olga Other (was {caseworker}).\nReason: Leave"


def test_a_persons_note_is_written_and_read_as_typed(api_as, caseworker, opened):
    api = api_as(caseworker)
    added = api.post("/cases/notes", {"case_id": opened["id"], "content": "Status changed from A to B."})
    assert added.status_code == 201, added.json()
    note = CaseNote.objects.get(pk=added.json()["id"])
    assert (note.kind, note.params) == ("written", {})
    with override("da"):
        assert note.text == "Status changed from A to B."


def test_document_entries_name_the_document_and_version(caseworker, opened):
    from casework.cases.models import Case

    case = Case.objects.get(pk=opened["id"])
    upload = SimpleUploadedFile("lease.txt", b"The lease.\n", content_type="text/plain")
    document = upload_document(
        actor=caseworker, case=case, upload=upload, document_type="other", access_level="standard"
    )
    record_download(actor=caseworker, document=document)
    delete_document(actor=caseworker, document=document)
    notes = _by_kind(case.pk)
    assert notes["document_uploaded"].params == {"name": "lease.txt"}
    assert "document_downloaded" not in notes  # audited only
    assert notes["document_deleted"].params == {"name": "lease.txt"}
    with override("da"):
        assert notes["document_uploaded"].text == "Dokument uploadet: lease.txt"
    with override("he"):
        assert notes["document_deleted"].text == "מסמך נמחק: lease.txt"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Intake: Housing case opened via phone, referred by Community Outreach Center.",
                "Status changed from Intake to Active.",
                "Reason: Papers in",
                "Assigned to Olga Other",
            ],
        ),
        (
            "da",
            [
                "Modtagelse: sag om Bolig oprettet via telefon, henvist af Community Outreach Center.",
                "Status ændret fra Modtagelse til Aktiv.",
                "Begrundelse: Papers in",
                "Tildelt Olga Other",
            ],
        ),
        (
            "he",
            [
                "קליטה: נפתח תיק דיור דרך טלפון, בהפניית Community Outreach Center.",
                "הסטטוס שונה מ-קליטה ל-פעיל.",
                "סיבה: Papers in",
                "הוקצה לOlga Other",
            ],
        ),
    ],
)
def test_the_case_page_reads_the_timeline_in_the_readers_language(opened, caseworker, language, expected):
    client = Client()
    client.force_login(caseworker)
    page = client.get(
        reverse("web:case_detail", args=[opened["id"]]), headers={"Accept-Language": language}
    ).content.decode()
    for sentence in expected:
        assert sentence in page, sentence
    if language != "en":
        assert "Status changed from" not in page
        assert "case opened via" not in page


def test_the_api_gives_kind_and_params_beside_the_english_content(api_as, caseworker, opened):
    notes = api_as(caseworker).get(f"/cases/{opened['id']}/notes").json()
    items = notes["items"] if isinstance(notes, dict) else notes
    status_note = next(note for note in items if note["kind"] == "status_changed")
    assert status_note["params"]["previous"] == "Intake"
    assert status_note["content"].startswith("Status changed from Intake to Active.")


def test_the_api_schema_lists_every_kind():
    assert set(typing.get_args(NoteKindName)) == {kind.value for kind in NoteKind}


SAMPLE_PARAMS = {
    NoteKind.STATUS_CHANGED: {"previous": "Intake", "new": "Active"},
    NoteKind.ASSIGNED: {"to": "Ann", "was": "Bo"},
    NoteKind.INTAKE: {"case_type": "Housing", "source": "web", "referral": "School"},
    NoteKind.DOCUMENT_UPLOADED: {"name": "a.pdf"},
    NoteKind.DOCUMENT_VERSION: {"name": "a.pdf", "version": 2},
    NoteKind.DOCUMENT_DOWNLOADED: {"name": "a.pdf", "version": 2},
    NoteKind.DOCUMENT_DELETED: {"name": "a.pdf"},
}


@pytest.mark.parametrize("language", ["da", "he"])
@pytest.mark.parametrize("kind", list(SAMPLE_PARAMS))
def test_every_system_kind_reads_in_danish_and_hebrew(kind, language):
    with override("en"):
        english = render(kind, SAMPLE_PARAMS[kind], "")
    with override(language):
        translated = render(kind, SAMPLE_PARAMS[kind], "")
    assert translated != english
    assert not PLACEHOLDER.search(translated)
    assert set(SAMPLE_PARAMS) == set(NoteKind) - {NoteKind.WRITTEN}


def test_nobody_is_said_in_the_readers_language():
    unassigned = entry(NoteKind.ASSIGNED, to="", was="Ann")
    assert unassigned.content == "Assigned to nobody (was Ann)."
    with override("da"):
        assert render(unassigned.kind, unassigned.params, "") == "Tildelt ingen (før: Ann)."


@pytest.mark.parametrize(
    "old",
    [
        "Status changed from Intake to Active.",
        "Status changed from Ready for Closure to Closed - Successful.\nReason: Done\n\nAll paperwork in.",
        "Assigned to Ann Smith / Housing Team (was nobody).",
        "Assigned to nobody (was Ann Smith).\nReason: Leave",
        "Intake: Housing case opened.",
        "Intake: Housing case opened via walk-in.\n\nNeeds help. With two sentences.",
        "Intake: General Support case opened via phone, referred by St. Mary's Church.\n\nDescription",
        "Intake: Housing case opened, referred by School.",
        "Document uploaded: lease (signed).pdf",
        "New version 3 of document lease.pdf",
        "Document downloaded: lease.pdf (version 2)",
        "Document deleted: lease.pdf",
    ],
)
def test_an_old_english_sentence_is_read_into_its_kind_and_written_again_the_same(old):
    found = parse_english(old)
    assert found is not None
    assert found.kind != NoteKind.WRITTEN
    assert found.content == old
    with override("da"):
        assert render(found.kind, found.params, old) != old


@pytest.mark.parametrize(
    "typed",
    [
        "Called the client about the lease.",
        "Status changed from Intake to Active, I think",
        "Document deleted: by mistake\nwill upload again",
        "Intake: see attached",
    ],
)
def test_a_persons_text_is_not_read_as_a_system_entry(typed):
    assert parse_english(typed) is None


def test_the_seeded_names_stay_as_stored_in_params_whatever_the_writers_language(api_as, caseworker):
    with override("da"):
        case = open_case(api_as(caseworker), ContactFactory())
        change_case_status(case["id"], actor=caseworker, new_status_id=status("Active").pk, reason="")
    notes = _by_kind(case["id"])
    assert notes["status_changed"].params == {"previous": "Intake", "new": "Active"}
    assert notes["intake"].params["case_type"] == case_type("Housing").name
