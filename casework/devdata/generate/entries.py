"""Timeline entries as the generator writes them: rendered once where many notes share them.

Rendering an entry (`casework.cases.timeline`, in English) is most of what a generated note costs in Python, and
the status changes of a path and the intake sentence of a case type and source are the same on every case that
has them: they are rendered once, with exactly the text `Entry.content` gives.
"""

import json
from typing import NamedTuple

from casework.cases.timeline import Entry, NoteKind, entry


class Rendered(NamedTuple):
    """A timeline entry as its note's columns: kind, English content, params as JSON."""

    kind: str
    content: str
    params_json: str


def rendered(written: Entry) -> Rendered:
    return Rendered(written.kind, written.content, json.dumps(written.params))


class IntakeEntries:
    """The intake note's entry of a case; its sentence rendered once per case type and source (`timeline.render`
    adds the description after a blank line)."""

    def __init__(self) -> None:
        self.sentences: dict[tuple[str, str], str] = {}

    def __call__(self, case_type: str, source: str, description: str) -> Rendered:
        written = entry(NoteKind.INTAKE, case_type=case_type, source=source, description=description)
        sentence = self.sentences.get((case_type, source))
        if sentence is None:
            sentence = entry(NoteKind.INTAKE, case_type=case_type, source=source).content
            self.sentences[(case_type, source)] = sentence
        content = f"{sentence}\n\n{description}" if "description" in written.params else sentence
        return Rendered(written.kind, content, json.dumps(written.params))
