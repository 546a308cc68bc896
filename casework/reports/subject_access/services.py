"""Data subject access (GDPR art. 15): everything held about one contact, as a zip.

`contact.json` (the contact), `cases.json` (each case with its notes, internal notes left out, and its
documents' metadata) and `documents/<case number>/<id>-<name>` (the stored files). Reports may read every app.

The zip is written to an anonymous temporary file on disk and each stored file is copied into it in 1 MiB
chunks, so an export of gigabytes of documents never sits in memory; the API streams the finished file
(FileResponse), and the file disappears when the answer is sent. Finishing it before the first byte goes out means a failure still
answers a JSON error (not a truncated download) and the answer has its Content-Length.
"""

import json
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict

from casework.audit.services import record_event
from casework.cases.models import Case
from casework.contacts.models import Contact
from casework.documents.models import CaseDocument

CONTACT_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "date_of_birth",
    "street",
    "city",
    "postal_code",
    "country",
    "notes",
]
CASE_FIELDS = ["title", "description", "priority", "source", "intake_date", "opened_date", "closed_date"]
NOTE_FIELDS = ["note_type", "subject", "content", "created_at"]
DOCUMENT_FIELDS = ["document_name", "document_type", "description", "mime_type", "file_size", "version"]


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in name)[:120] or "file"


COPY_CHUNK_BYTES = 1024 * 1024


def subject_access_export(contact: Contact, *, actor: Any) -> IO[bytes]:
    """The zip of one contact's data, as a file positioned at its start (the caller closes it); recorded as
    `contact.exported`."""
    cases = Case.objects.filter(contact=contact).select_related("status", "case_type").order_by("intake_date")
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        payload: dict[str, Any] = {"id": str(contact.pk), **model_to_dict(contact, fields=CONTACT_FIELDS)}
        archive.writestr(
            "contact.json", json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        exported_cases = []
        for case in cases:
            notes = case.notes.filter(is_internal=False).order_by("created_at")
            documents = CaseDocument.objects.filter(case=case).order_by("created_at")
            entry = {
                "case_number": case.case_number,
                "case_type": case.case_type.name,
                "status": case.status.name,
                **{f: getattr(case, f) for f in CASE_FIELDS},
                "notes": [{f: getattr(n, f) for f in NOTE_FIELDS} for n in notes],
                "documents": [],
            }
            for document in documents:
                meta = {"id": str(document.pk), **{f: getattr(document, f) for f in DOCUMENT_FIELDS}}
                path = f"documents/{_safe_name(case.case_number)}/{document.pk}-{_safe_name(document.document_name)}"
                try:
                    with (
                        document.file.open("rb") as stored,
                        archive.open(path, "w", force_zip64=True) as packed,
                    ):
                        shutil.copyfileobj(stored, packed, COPY_CHUNK_BYTES)
                    meta["file"] = path
                except (FileNotFoundError, ValueError):
                    meta["file"] = None
                entry["documents"].append(meta)
            exported_cases.append(entry)
        archive.writestr(
            "cases.json", json.dumps(exported_cases, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
    record_event(actor=actor, verb="contact.exported", target=contact, data={"cases": len(exported_cases)})
    spool.seek(0)
    return spool
