"""Which files a case may hold, judged from their content, and how an uploader's file name is made safe.

A file is accepted when its extension is on the allow-list and its first bytes are what that extension
claims (`filetype` reads the signatures). Plain text and CSV have no signature: they pass when the sample has
no control bytes and does not open as HTML/SVG/XML markup. Any mismatch is a 415.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import IO

import filetype

from casework.documents.errors import FILE_CONTENT_MISMATCH, FILE_TYPE_NOT_ACCEPTED

TEXT_SAMPLE_BYTES = 64 * 1024
MAX_NAME_LENGTH = 200
# Allowed below 0x20 in text: tab, newline, form feed, carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")
_UNSAFE_NAME_CHARS = re.compile(r'[<>:"|?*;]')


@dataclass(frozen=True)
class FileKind:
    label: str
    extension: str  # the one used for the stored name
    mime_type: str
    signature: str | None  # `filetype`'s extension for the content; None for text, which has no signature


_PDF = FileKind("PDF", "pdf", "application/pdf", "pdf")
_JPEG = FileKind("JPEG image", "jpg", "image/jpeg", "jpg")
ALLOWED: dict[str, FileKind] = {
    "pdf": _PDF,
    "png": FileKind("PNG image", "png", "image/png", "png"),
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "gif": FileKind("GIF image", "gif", "image/gif", "gif"),
    "webp": FileKind("WebP image", "webp", "image/webp", "webp"),
    "txt": FileKind("plain text", "txt", "text/plain", None),
    "csv": FileKind("CSV", "csv", "text/csv", None),
    "docx": FileKind(
        "Word document",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": FileKind(
        "Excel workbook",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "odt": FileKind("OpenDocument text", "odt", "application/vnd.oasis.opendocument.text", "odt"),
    "doc": FileKind("Word 97-2003 document", "doc", "application/msword", "doc"),
}


def clean_filename(name: str | None) -> str:
    """The uploader's file name reduced to a harmless display name: no directories, control characters,
    quotes or characters Windows refuses, no leading or trailing dots, at most 200 characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE_NAME_CHARS.sub("_", name)
    name = " ".join(name.split()).strip(". ")
    if not name:
        return "document"
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _sample(content: IO[bytes], size: int) -> bytes:
    content.seek(0)
    data = content.read(size)
    content.seek(0)
    return data


def _looks_like_text(sample: bytes) -> bool:
    if sample.startswith(b"\xef\xbb\xbf"):
        sample = sample[3:]
    if any(byte in _CONTROL_BYTES for byte in sample):
        return False
    return not sample.lstrip().lower().startswith(_MARKUP_STARTS)


def identify(name: str, content: IO[bytes]) -> FileKind:
    """The kind of an uploaded file named `name` (already cleaned), checked against its content."""
    kind = ALLOWED.get(extension_of(name))
    if kind is None:
        raise FILE_TYPE_NOT_ACCEPTED(accepted=sorted(ALLOWED))
    sample = _sample(content, TEXT_SAMPLE_BYTES)
    if kind.signature is None:
        matches = _looks_like_text(sample)
    else:
        detected = filetype.guess(sample)
        matches = detected is not None and detected.extension == kind.signature
    if not matches:
        raise FILE_CONTENT_MISMATCH(kind=kind.label)
    return kind
