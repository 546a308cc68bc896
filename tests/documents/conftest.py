"""Fixtures for the document tests: a throwaway MEDIA_ROOT, a multipart uploader, stored documents."""

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from casework.accounts.models import Team
from casework.documents.models import CaseDocument
from tests.cases.factories import CaseFactory
from tests.documents import samples

BOUNDARY = "casework-test-boundary"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def multipart(fields: dict[str, Any], *, filename: str | None, content: bytes | None) -> bytes:
    """A multipart body written by hand, so a file name reaches the server exactly as given (Django's test
    client would strip its directories first)."""
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    if content is not None:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def post_file(api, path: str, *, filename: str = "notes.txt", content: bytes | None = samples.TEXT, **fields):
    """POST a multipart upload to /api`path` as `api`'s persona."""
    return api.client.post(
        f"/api{path}",
        data=multipart(fields, filename=filename, content=content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=api._headers(),
    )


@pytest.fixture
def upload():
    return post_file


def store_document(
    case, *, access_level: str = "standard", uploaded_by=None, content: bytes = samples.TEXT, **fields
) -> CaseDocument:
    """A document row with a real stored file, inserted directly (bypassing the service)."""
    name = default_storage.save(f"case-documents/{case.pk}/{uuid.uuid4().hex}.txt", ContentFile(content))
    defaults: dict[str, Any] = {
        "document_name": "notes.txt",
        "mime_type": "text/plain",
        "file_size": len(content),
        "document_type": "other",
    }
    return CaseDocument.objects.create(
        case=case, access_level=access_level, uploaded_by=uploaded_by, file=name, **{**defaults, **fields}
    )


@pytest.fixture
def document_on():
    return store_document


@pytest.fixture
def case(db):
    return CaseFactory()


@pytest.fixture
def case_of(caseworker):
    """A case assigned to the caseworker persona."""
    return CaseFactory(assigned_to=caseworker)


@pytest.fixture
def housing_team(caseworker) -> Team:
    team = Team.objects.create(name="Housing Team")
    team.members.add(caseworker)
    return team
