"""The entries of a case's timeline that the system writes: stored as a kind plus parameters, read in the
reader's language.

A person's note is stored as they wrote it. An entry the system writes (a status change, an assignment, the
intake, a document filed) is stored as its `NoteKind` and the raw values of its sentence (`params`: status and
case-type names as seeded, names of people and documents, the reason someone typed), and rendered when it is
read (`render`), in the active language, seeded names translated through `core.labels`. Its `content` keeps the
English rendering, for search, the exports and the API's `content`, which read as before.

`entry()` is what a writer calls; `parse_english()` reads the sentences stored before the kinds existed (the data
migration uses it, so it must not import models).
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from casework.core.labels import label


class NoteKind(models.TextChoices):
    WRITTEN = "written", _("Written by a person")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ASSIGNED = "assigned", _("Assignment changed")
    INTAKE = "intake", _("Case opened")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    DOCUMENT_VERSION = "document_version", _("New document version")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
    DOCUMENT_DELETED = "document_deleted", _("Document deleted")


# The sentence of each kind; the intake has one per combination of its optional parts. The params named in
# LABELLED are seeded names, translated where the sentence is read.
SENTENCES: dict[str, Any] = {
    NoteKind.STATUS_CHANGED: _("Status changed from %(previous)s to %(new)s."),
    NoteKind.ASSIGNED: _("Assigned to %(to)s (was %(was)s)."),
    NoteKind.DOCUMENT_UPLOADED: _("Document uploaded: %(name)s"),
    NoteKind.DOCUMENT_VERSION: _("New version %(version)s of document %(name)s"),
    NoteKind.DOCUMENT_DOWNLOADED: _("Document downloaded: %(name)s (version %(version)s)"),
    NoteKind.DOCUMENT_DELETED: _("Document deleted: %(name)s"),
}
INTAKE_SENTENCES: dict[tuple[bool, bool], Any] = {
    (False, False): _("Intake: %(case_type)s case opened."),
    (True, False): _("Intake: %(case_type)s case opened via %(source)s."),
    (False, True): _("Intake: %(case_type)s case opened, referred by %(referral)s."),
    (True, True): _("Intake: %(case_type)s case opened via %(source)s, referred by %(referral)s."),
}
LABELLED = {"previous": "status", "new": "status", "case_type": "case_type"}
NOBODY = _("nobody")
REASON = _("Reason: %(reason)s")


@dataclass(frozen=True)
class Entry:
    """What a writer stores on the note: `kind`, `params`, and `content` (the English rendering)."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> str:
        with override("en"):
            return render(self.kind, self.params, "")

    def fields(self) -> dict[str, Any]:
        """The note's fields this entry fills: `CaseNote(case=..., **entry.fields())`."""
        return {"kind": self.kind, "params": self.params, "content": self.content}


def entry(kind: NoteKind, **params: Any) -> Entry:
    """The entry of `kind`; empty optional params (a reason, notes, a referral) are left out."""
    return Entry(
        kind=kind.value, params={name: value for name, value in params.items() if value not in ("", None)}
    )


def _sentence(kind: str, params: dict[str, Any]) -> str:
    values: dict[str, Any] = {
        name: label(LABELLED[name], value) if name in LABELLED else value for name, value in params.items()
    }
    if kind == NoteKind.INTAKE:
        if "source" in values:
            values["source"] = str(label("source", values["source"])).lower()
        template = INTAKE_SENTENCES[("source" in values, "referral" in values)]
    else:
        template = SENTENCES[kind]
    if kind == NoteKind.ASSIGNED:
        values = {name: values.get(name) or NOBODY for name in ("to", "was")}
    return str(template) % values


def render(kind: str, params: dict[str, Any], content: str) -> str:
    """A note's text in the active language: a person's note as written (`content`), a system entry's
    sentence from its params, followed by what a person typed with it (reason, notes, description)."""
    if kind == NoteKind.WRITTEN or (kind not in SENTENCES and kind != NoteKind.INTAKE):
        return content
    text = _sentence(kind, params)
    if params.get("reason"):
        text += "\n" + str(REASON) % {"reason": params["reason"]}
    for typed in ("notes", "description"):
        if params.get(typed):
            text += f"\n\n{params[typed]}"
    return text


# --- the sentences stored before kinds existed (the data migration) ----------------------------------------------

# Each sentence ends the text or is followed by a blank line and what a person typed with it. An intake's source
# was written as its English label lower-cased, which is its choice value.
_END = r"(?=\n\n|\Z)"
_OLD_FORMS: list[tuple[NoteKind, re.Pattern[str]]] = [
    (
        NoteKind.STATUS_CHANGED,
        re.compile(
            r"Status changed from (?P<previous>.+?) to (?P<new>.+?)\.(?:\nReason: (?P<reason>[^\n]*))?" + _END
        ),
    ),
    (
        NoteKind.ASSIGNED,
        re.compile(r"Assigned to (?P<to>.+?) \(was (?P<was>.+?)\)\.(?:\nReason: (?P<reason>[^\n]*))?" + _END),
    ),
    (
        NoteKind.INTAKE,
        re.compile(
            r"Intake: (?P<case_type>.+?) case opened(?: via (?P<source>[\w-]+))?(?:, referred by (?P<referral>.+?))?\."
            + _END
        ),
    ),
    (NoteKind.DOCUMENT_VERSION, re.compile(r"New version (?P<version>\d+) of document (?P<name>.+)" + _END)),
    (
        NoteKind.DOCUMENT_DOWNLOADED,
        re.compile(r"Document downloaded: (?P<name>.+) \(version (?P<version>\d+)\)" + _END),
    ),
    (NoteKind.DOCUMENT_UPLOADED, re.compile(r"Document uploaded: (?P<name>.+)" + _END)),
    (NoteKind.DOCUMENT_DELETED, re.compile(r"Document deleted: (?P<name>.+)" + _END)),
]


def parse_english(content: str) -> Entry | None:
    """The entry an English system sentence was written from, or None for a person's text. What follows the
    sentence (a blank line, then notes or the intake's description) is kept as that part."""
    for kind, pattern in _OLD_FORMS:
        match = pattern.match(content)
        if match is None:
            continue
        rest = content[match.end() :]
        params: dict[str, Any] = {name: value for name, value in match.groupdict().items() if value}
        if "version" in params:
            params["version"] = int(params["version"])
        if kind == NoteKind.ASSIGNED:
            params = {name: value for name, value in params.items() if value != "nobody"}
        if rest.strip():
            params["description" if kind == NoteKind.INTAKE else "notes"] = rest[2:]
        found = Entry(kind=kind.value, params=params)
        # Only a sentence the writers would write again is read as one (a person may type "Document deleted: x").
        if found.content == content:
            return found
    return None
