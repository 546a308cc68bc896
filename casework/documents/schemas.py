import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from casework.accounts.schemas import UserRef

DocumentTypeName = Literal["intake", "assessment", "consent", "report", "correspondence", "other"]
AccessLevelName = Literal["public", "standard", "restricted", "confidential"]


class DocumentIn(Schema):
    """The form fields sent with an upload (multipart/form-data, next to `file`)."""

    document_type: DocumentTypeName = "other"
    access_level: AccessLevelName = "standard"
    description: str = Field("", max_length=5000)


class NoteAttachmentIn(Schema):
    """The form fields sent with a note attachment; timeline files are public or standard."""

    access_level: Literal["public", "standard"] = "standard"
    description: str = Field("", max_length=5000)


class VersionIn(Schema):
    """The form fields sent with a new version; the description stays as it was unless given."""

    description: str | None = Field(None, max_length=5000)


class DocumentVersionOut(Schema):
    """One stored version of a document."""

    id: UUID
    version: int
    document_name: str
    file_size: int
    mime_type: str
    uploaded_by: UserRef | None
    created_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Any) -> str:
        return reverse("api:download_document", kwargs={"document_id": obj.pk})


class DocumentOut(DocumentVersionOut):
    """A document as its latest version, with every version (newest first) in `versions`."""

    case_id: UUID
    document_type: DocumentTypeName
    description: str
    access_level: AccessLevelName
    is_latest: bool
    versions: list[DocumentVersionOut] = Field(..., validation_alias="version_list")
