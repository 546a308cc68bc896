"""Writing tabular exports safely: CSV rows as a stream, and spreadsheet-formula neutralisation.

A text cell that begins with =, +, -, @, tab or carriage return is prefixed with an apostrophe so a spreadsheet
shows it as text instead of evaluating it (CSV injection); `+45 12 34 56 78` is exported as `'+45 12 34 56 78`.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() hands back what it was given, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """RFC 4180 CSV (quoted where needed, CRLF line ends), one encoded line at a time: constant memory."""
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(row)
