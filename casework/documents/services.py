"""Use cases of case documents: upload, new version, download record, delete.

Files go through Django's default storage under a generated name. A file is written before the database rows
that name it; if the transaction then fails, the file is removed again. Deleting removes the files only after
the deletion has committed. Every use case writes an audit event on the case; documents every case reader may
see (public, standard) also get an internal timeline note, which would otherwise reveal the document's
existence to readers who must not know of it. A download is audited only: it changes nothing on the case.
"""

import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases.models import Case, CaseNote, NoteType
from casework.cases.services import add_note, attach_to_note
from casework.cases.timeline import Entry, NoteKind, entry
from casework.documents import errors
from casework.documents.filetypes import FileKind, clean_filename, identify
from casework.documents.models import CaseDocument
from casework.documents.querysets import EVERY_READER_LEVELS

logger = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "CASEWORK_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _checked(upload: UploadedFile) -> tuple[str, FileKind]:
    """The upload's clean display name and its kind; 413, 415 or 422 when it may not be stored."""
    limit = max_upload_bytes()
    # `size` counts the bytes received, not what the client declared.
    if upload.size is not None and upload.size > limit:
        raise errors.FILE_TOO_LARGE(max_bytes=limit)
    if not upload.size:
        raise errors.FILE_EMPTY()
    name = clean_filename(upload.name)
    return name, identify(name, upload)


def _store(upload: UploadedFile, *, case_id: Any, kind: FileKind) -> str:
    name = f"case-documents/{case_id}/{uuid.uuid4().hex}.{kind.extension}"
    return default_storage.save(name, upload)


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # The rows are gone already; a file left behind is only wasted space, so log it and go on.
            logger.exception("Could not delete stored document file %s", name)


def _writing_file(stored_name: str, write: Callable[[], T]) -> T:
    """Run `write` in a transaction; if it fails, remove the file it would have named."""
    try:
        with transaction.atomic():
            return write()
    except BaseException:
        delete_files([stored_name])
        raise


def _trace(
    *, actor: User, verb: str, document: CaseDocument, case: Case, timeline: Entry | None, **data: Any
) -> None:
    record_event(
        actor=actor,
        verb=verb,
        target=case,
        data={
            "document_id": str(document.pk),
            "document_name": document.document_name,
            "version": document.version,
            "access_level": document.access_level,
            **data,
        },
    )
    if timeline is not None and document.access_level in EVERY_READER_LEVELS:
        add_note(actor=actor, case_id=case.pk, entry=timeline, note_type=NoteType.UPDATE, is_internal=True)


def upload_document(
    *,
    actor: User,
    case: Case,
    upload: UploadedFile,
    document_type: str,
    access_level: str,
    description: str = "",
) -> CaseDocument:
    """Store a new document (version 1) on a case.

    The file must be within the size limit and its content must match its extension; it is stored under a
    generated name, never the uploader's. The uploader's authority to file at `access_level` is checked by
    `access.get_case_for_filing`.
    """
    name, kind = _checked(upload)
    stored_name = _store(upload, case_id=case.pk, kind=kind)

    def write() -> CaseDocument:
        document = CaseDocument.objects.create(
            case=case,
            document_name=name,
            document_type=document_type,
            description=description,
            file=stored_name,
            file_size=upload.size or 0,
            mime_type=kind.mime_type,
            access_level=access_level,
            uploaded_by=actor,
        )
        _trace(
            actor=actor,
            verb="document.uploaded",
            document=document,
            case=case,
            timeline=entry(NoteKind.DOCUMENT_UPLOADED, name=name),
            file_size=document.file_size,
        )
        return document

    return _writing_file(stored_name, write)


def add_version(
    *, actor: User, document: CaseDocument, upload: UploadedFile, description: str | None = None
) -> CaseDocument:
    """Add a new latest version to `document`'s chain (given any of its versions); older versions are kept.

    Type and access level carry over from the chain; the description too unless a new one is given. The
    chain's first row is locked, so two concurrent uploads get consecutive version numbers.
    """
    name, kind = _checked(upload)
    stored_name = _store(upload, case_id=document.case_id, kind=kind)

    def write() -> CaseDocument:
        root = CaseDocument.objects.select_for_update().filter(pk=document.root_id).first()
        if root is None:
            raise errors.DOCUMENT_NOT_FOUND()
        latest = CaseDocument.objects.select_for_update().in_chain(root.pk).filter(is_latest=True).get()
        CaseDocument.objects.filter(pk=latest.pk).update(is_latest=False, updated_at=timezone.now())
        new = CaseDocument.objects.create(
            case_id=root.case_id,
            parent_document=root,
            version=latest.version + 1,
            document_name=name,
            document_type=latest.document_type,
            description=latest.description if description is None else description,
            file=stored_name,
            file_size=upload.size or 0,
            mime_type=kind.mime_type,
            access_level=latest.access_level,
            uploaded_by=actor,
        )
        _trace(
            actor=actor,
            verb="document.version_added",
            document=new,
            case=document.case,
            timeline=entry(NoteKind.DOCUMENT_VERSION, version=new.version, name=name),
            previous_version_id=str(latest.pk),
        )
        return new

    return _writing_file(stored_name, write)


@transaction.atomic
def record_download(*, actor: User, document: CaseDocument) -> None:
    """Write down that `actor` downloaded this version: an audit event on the case, and nothing on the timeline.

    A case's documents are read far more often than they change; a timeline entry per download buried the notes.
    The audit log is where downloads are looked up. Notes of the kind
    `document_downloaded` written before this still read as before.
    """
    _trace(actor=actor, verb="document.downloaded", document=document, case=document.case, timeline=None)


@transaction.atomic
def delete_document(*, actor: User, document: CaseDocument) -> None:
    """Delete a document with every version. The stored files are removed once the deletion has committed;
    the audit event keeps the record of what was deleted."""
    rows = list(CaseDocument.objects.select_for_update().in_chain(document.root_id).order_by("version"))
    if not rows:
        raise errors.DOCUMENT_NOT_FOUND()
    latest = next((row for row in rows if row.is_latest), rows[-1])
    _trace(
        actor=actor,
        verb="document.deleted",
        document=latest,
        case=document.case,
        timeline=entry(NoteKind.DOCUMENT_DELETED, name=latest.document_name),
        versions=len(rows),
    )
    names = [row.file.name for row in rows if row.file.name]
    # The first version's row cascades to the later ones.
    CaseDocument.objects.filter(pk=document.root_id).delete()
    transaction.on_commit(lambda: delete_files(names))


NOTE_ATTACHMENT_LEVELS = ("public", "standard")


def attach_file_to_note(
    *, actor: User, note: CaseNote, upload: UploadedFile, access_level: str, description: str = ""
) -> CaseDocument:
    """Store a file in the case's documents and list it on a timeline note.

    Everyone who reads the timeline sees the note's attachment list, so attachments are public or standard;
    restricted and confidential files are uploaded as documents instead (422 otherwise).
    """
    if access_level not in NOTE_ATTACHMENT_LEVELS:
        raise errors.ATTACHMENT_LEVEL_NOT_ALLOWED()
    document = upload_document(
        actor=actor,
        case=note.case,
        upload=upload,
        document_type="correspondence",
        access_level=access_level,
        description=description or (note.subject or "Note attachment"),
    )
    attach_to_note(
        note.pk,
        attachment={
            "document_id": str(document.pk),
            "document_name": document.document_name,
            "mime_type": document.mime_type,
            "file_size": document.file_size,
            "access_level": document.access_level,
        },
    )
    return document
