"""Case list exports: the same filters as the list, safe cells, streamed."""

import csv
import io

import openpyxl
import pytest

from tests.cases.factories import CaseFactory, days_from_today, status
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_export_has_a_header_and_one_row_per_matching_case(api_as, viewer, caseworker):
    CaseFactory(
        title="Rent arrears", assigned_to=caseworker, status=status("Active"), tags=["housing", "rent"]
    )
    CaseFactory(title="Closed one", status=status("Closed - Successful"))
    response = api_as(viewer).get("/reports/cases.csv", status_type="active")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cases-')
    rows = read_csv(response)
    assert rows[0][:3] == ["Case number", "Title", "Status"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == "Rent arrears"
    assert row["Status"] == "Active"
    assert row["Assigned last name"] == caseworker.last_name
    assert row["Tags"] == "housing, rent"
    assert row["Closed date"] == ""


def test_the_export_takes_the_lists_state_and_due_filters(api_as, viewer):
    CaseFactory(title="Open and undated", due_date=None)
    CaseFactory(title="Closed and undated", status=status("Closed - Successful"), due_date=None)
    CaseFactory(title="Open with a date", due_date=days_from_today(30))

    rows = read_csv(api_as(viewer).get("/reports/cases.csv", state="open", due="none"))

    assert [row[1] for row in rows[1:]] == ["Open and undated"]


def test_formula_payloads_are_neutralised_in_the_csv(api_as, viewer):
    contact = ContactFactory(first_name='=HYPERLINK("http://evil")', last_name="+SUM(A1)")
    CaseFactory(contact=contact, title="@cmd|' /C calc'!A0")
    rows = read_csv(api_as(viewer).get("/reports/cases.csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Contact first name"] == '\'=HYPERLINK("http://evil")'
    assert row["Contact last name"] == "'+SUM(A1)"
    assert row["Title"].startswith("'@")


def test_the_xlsx_export_opens_in_a_spreadsheet_reader(api_as, viewer):
    CaseFactory.create_batch(3)
    response = api_as(viewer).get("/reports/cases.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Case number"
    assert len(rows) == 4


def test_bad_filters_are_422_and_anonymous_is_401(api_as, viewer, anonymous_api):
    assert api_as(viewer).get("/reports/cases.csv", priority="someday").status_code == 422
    assert anonymous_api.get("/reports/cases.csv").status_code == 401
    assert anonymous_api.get("/reports/cases.xlsx").status_code == 401


def test_the_export_needs_the_reports_permission(api_as, viewer):
    from casework.accounts.models import Role

    Role.objects.filter(pk="viewer").update(permissions=["cases.view"])
    assert api_as(viewer).get("/reports/cases.csv").status_code == 403


def test_the_export_costs_one_query_whatever_the_size(api_as, viewer, django_assert_max_num_queries):
    CaseFactory.create_batch(40)
    api = api_as(viewer)
    # The rows in one query, plus the audit event of the export (issue 8).
    with django_assert_max_num_queries(3):
        rows = read_csv(api.get("/reports/cases.csv"))
    assert len(rows) == 41
