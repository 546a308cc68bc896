from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from ninja import Query, Router

from casework.accounts.auth import current_user
from casework.cases.filters import CaseFilters
from casework.core.api import ErrorOut
from casework.core.permissions import require
from casework.core.spreadsheets import csv_lines
from casework.reports.exports import (
    export_filename,
    export_rows,
    exported_cases,
    record_export,
    write_xlsx,
)

router = Router(tags=["reports"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content_type: str, description: str) -> dict:
    content = {content_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"responses": {200: {"description": description, "content": content}}}


@router.get(
    "/reports/cases.csv",
    response={200: None, **ERRORS},
    openapi_extra=_download("text/csv", "The cases as CSV (UTF-8), an attachment"),
)
def export_cases_csv(request: HttpRequest, filters: Query[CaseFilters]):
    """The case list as CSV, with the case list's filters (page and limit are ignored: every match is exported).

    Streamed row by row. Text cells starting with = + - @ tab or CR get a leading apostrophe (CSV injection).
    """
    user = current_user(request)
    require(user, "cases.view")
    require(user, "reports.view")
    cases = exported_cases(filters)
    record_export(actor=user, file_format="csv", filters=filters.dict())
    response = StreamingHttpResponse(csv_lines(export_rows(cases)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename("csv")}"'
    return response


@router.get(
    "/reports/cases.xlsx",
    response={200: None, **ERRORS},
    openapi_extra=_download(XLSX, "The cases as an Excel workbook, an attachment"),
)
def export_cases_xlsx(request: HttpRequest, filters: Query[CaseFilters]):
    """The case list as an Excel workbook, with the case list's filters; built in constant memory."""
    user = current_user(request)
    require(user, "cases.view")
    require(user, "reports.view")
    record_export(actor=user, file_format="xlsx", filters=filters.dict())
    handle = write_xlsx(exported_cases(filters))
    return FileResponse(handle, as_attachment=True, filename=export_filename("xlsx"), content_type=XLSX)
