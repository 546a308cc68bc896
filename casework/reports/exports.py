"""Case list exports (CSV and Excel) with the same filters as the case list, in constant memory."""

import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import IO, Any

import xlsxwriter
from django.utils import timezone

from casework.audit.services import record_event
from casework.cases.filters import CaseFilters
from casework.core.spreadsheets import neutralise
from casework.ops.routing import use_replica

# (header, field path) in file order.
COLUMNS: list[tuple[str, str]] = [
    ("Case number", "case_number"),
    ("Title", "title"),
    ("Status", "status__name"),
    ("Phase", "status__status_type"),
    ("Case type", "case_type__name"),
    ("Priority", "priority"),
    ("Urgent", "is_urgent"),
    ("Contact first name", "contact__first_name"),
    ("Contact last name", "contact__last_name"),
    ("Assigned first name", "assigned_to__first_name"),
    ("Assigned last name", "assigned_to__last_name"),
    ("Team", "assigned_team__name"),
    ("Source", "source"),
    ("Intake date", "intake_date"),
    ("Opened date", "opened_date"),
    ("Closed date", "closed_date"),
    ("Due date", "due_date"),
    ("Tags", "tags"),
]
CHUNK = 2000


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return neutralise(", ".join(str(v) for v in value))
    if isinstance(value, str):
        return neutralise(value)
    return value


def export_rows(cases: Any) -> Iterator[list[Any]]:
    """The header, then one row per case; rows are fetched in chunks (a server-side cursor on PostgreSQL)."""
    yield [header for header, _ in COLUMNS]
    # Exports are the heaviest reads: they go to the read replica when one is configured.
    with use_replica():
        for values in cases.values_list(*[path for _, path in COLUMNS]).iterator(chunk_size=CHUNK):
            yield [_cell(v) for v in values]


def write_xlsx(cases: Any) -> IO[bytes]:
    """Write the export to an anonymous temporary file (XlsxWriter's constant-memory mode) and rewind it."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it after streaming
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet("Cases")
    bold = workbook.add_format({"bold": True})
    for row_number, row in enumerate(export_rows(cases)):
        sheet.write_row(
            row_number,
            0,
            [str(v) if not isinstance(v, int | float) else v for v in row],
            bold if row_number == 0 else None,
        )
    sheet.freeze_panes(1, 0)
    workbook.close()
    handle.seek(0)
    return handle


def export_filename(extension: str) -> str:
    return f"cases-{timezone.localtime():%Y-%m-%d-%H-%M-%S}.{extension}"


def exported_cases(filters: CaseFilters) -> Any:
    """Every case the filters match, in their sort order (page and limit do not apply)."""
    return filters.cases().sorted_by(filters.sort)


def record_export(*, actor: Any, file_format: str, filters: dict[str, Any]) -> None:
    """Audit an export of personal data (who, when, from where, with which filters); the export names no single
    object, so the event's target is the person who exported."""
    used = {key: str(value) for key, value in filters.items() if value not in (None, "", [])}
    record_event(
        actor=actor, verb="cases.exported", target=actor, data={"format": file_format, "filters": used}
    )
