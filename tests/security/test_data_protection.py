"""Data protection for one contact: the subject access export (a zip of everything held about them, internal
notes left out) and erasure (pseudonymisation that keeps counts and outcomes), both admin-only and audited."""

import hashlib
import io
import json
import os
import tempfile
import tracemalloc
import zipfile

from casework.audit.models import AuditEvent
from casework.cases.models import Case
from casework.contacts.models import Contact
from casework.outcomes.models import InteractionOutcomeImpact
from tests.outcomes.factories import ImpactFactory
from tests.security.world import store_document


def _export(api, contact) -> zipfile.ZipFile:
    response = api.get(f"/contacts/{contact.pk}/export")
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/zip"
    assert response.streaming, "the zip is streamed"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_of_large_documents_is_streamed_without_holding_them_in_memory(api_as, world):
    """48 MiB of documents (incompressible): the request's memory does not grow with them (about 16 MiB here
    with 48 MiB or 24 MiB of documents: the first request's imports and buffers; the whole zip held in memory
    came to more than twice the documents)."""
    size = 48 * 1024 * 1024
    content = os.urandom(size)
    big = store_document(world.case, uploaded_by=world.users["admin"], content=content)
    content_digest = hashlib.sha256(content).hexdigest()
    del content
    client = api_as(world.users["admin"])

    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline, _ = tracemalloc.get_traced_memory()
    try:
        response = client.get(f"/contacts/{world.contact.pk}/export")
        with tempfile.TemporaryFile() as received:
            for chunk in response.streaming_content:
                received.write(chunk)
            _, peak = tracemalloc.get_traced_memory()
            peak -= baseline
            received.seek(0)
            with zipfile.ZipFile(received) as archive:
                cases = json.loads(archive.read("cases.json"))
                [path] = [d["file"] for c in cases for d in c["documents"] if d["id"] == str(big.pk)]
                digest = hashlib.sha256()
                with archive.open(path) as entry:
                    for block in iter(lambda: entry.read(1024 * 1024), b""):
                        digest.update(block)
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert int(response["Content-Length"]) > size
    assert digest.hexdigest() == content_digest
    assert peak < 24 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB while exporting {size / 2**20:.0f} MiB"


def test_the_export_holds_the_contact_their_cases_notes_and_document_files(api_as, world):
    archive = _export(api_as(world.users["admin"]), world.contact)

    contact = json.loads(archive.read("contact.json"))
    assert (contact["first_name"], contact["last_name"]) == ("Dana", "Subject")
    cases = json.loads(archive.read("cases.json"))
    assert sorted(c["case_number"] for c in cases) == sorted(
        [world.case.case_number, world.other_case.case_number]
    )
    housing = next(c for c in cases if c["case_number"] == world.case.case_number)
    assert [n["content"] for n in housing["notes"]] == ["Called the landlord."]
    [document] = housing["documents"]
    assert document["document_name"] == "notes.txt"
    assert archive.read(document["file"]) == b"Met the client.\n"


def test_internal_notes_are_not_in_the_export(api_as, world):
    archive = _export(api_as(world.users["admin"]), world.contact)

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"INTERNAL" not in everything
    assert world.internal_note.content.encode() not in everything


def test_the_export_is_audited(api_as, world):
    _export(api_as(world.users["admin"]), world.contact)

    event = AuditEvent.objects.get(verb="contact.exported")
    assert event.actor_id == world.users["admin"].pk
    assert event.target_id == str(world.contact.pk)


def test_erasure_pseudonymises_the_contact_and_keeps_cases_and_outcomes(api_as, world):
    ImpactFactory(interaction=world.note, outcome_definition=world.outcome)
    cases_before = Case.objects.filter(contact=world.contact).count()

    response = api_as(world.users["admin"]).post(f"/contacts/{world.contact.pk}/erase")

    assert response.status_code == 200, response.content
    contact = Contact.objects.get(pk=world.contact.pk)
    assert "Dana" not in str(contact) and "Subject" not in str(contact)
    assert contact.email == contact.phone == contact.street == contact.notes == ""
    assert contact.date_of_birth is None
    assert Case.objects.filter(contact=contact).count() == cases_before
    assert InteractionOutcomeImpact.objects.filter(interaction=world.note).count() == 1


def test_erasure_is_audited_and_the_name_leaves_the_audit_labels(api_as, world):
    api = api_as(world.users["admin"])
    api.put(f"/contacts/{world.contact.pk}", {"city": "Aarhus", "row_version": world.contact.row_version})

    api.post(f"/contacts/{world.contact.pk}/erase")

    events = AuditEvent.objects.filter(target_id=str(world.contact.pk))
    assert events.filter(verb="contact.erased", actor=world.users["admin"]).exists()
    assert not [e.target_repr for e in events if "Dana" in e.target_repr or "Subject" in e.target_repr]


def test_a_manager_may_neither_export_nor_erase(api_as, world):
    api = api_as(world.users["manager"])

    assert api.get(f"/contacts/{world.contact.pk}/export").status_code == 403
    assert api.post(f"/contacts/{world.contact.pk}/erase").status_code == 403
    assert Contact.objects.get(pk=world.contact.pk).first_name == "Dana"
