"""Small but genuine files of every accepted kind, and impostors, built in memory."""

import io
import zipfile


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32)
GIF = b"GIF89a\x01\x00\x01\x00" + bytes(16)
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 " + bytes(16)
TEXT = b"Met the client at the housing office.\nNext visit on Monday.\n"
CSV = "date,amount\n2026-01-05,12.50\n2026-01-06,7.00 \u20ac\n".encode()
DOCX = _zip(
    [
        ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
        ("word/document.xml", b"<w:document/>", zipfile.ZIP_DEFLATED),
    ]
)
XLSX = _zip(
    [
        ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
        ("xl/workbook.xml", b"<workbook/>", zipfile.ZIP_DEFLATED),
    ]
)
ODT = _zip(
    [
        ("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
        ("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED),
    ]
)
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" + bytes(64)

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
ZIP = _zip([("readme.txt", b"hello", zipfile.ZIP_DEFLATED)])

ACCEPTED = [
    ("report.pdf", PDF, "application/pdf"),
    ("photo.png", PNG, "image/png"),
    ("photo.jpg", JPEG, "image/jpeg"),
    ("photo.jpeg", JPEG, "image/jpeg"),
    ("scan.gif", GIF, "image/gif"),
    ("scan.webp", WEBP, "image/webp"),
    ("notes.txt", TEXT, "text/plain"),
    ("budget.csv", CSV, "text/csv"),
    ("letter.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("letter.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ("old-letter.doc", DOC, "application/msword"),
]
