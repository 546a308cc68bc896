"""GET /api/admin/citizens: the CSV export, checked by parsing it back with Python's csv module."""

import csv
import datetime as dt
import io
import re

import pytest
from django.http import StreamingHttpResponse

from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, locked_citizen

pytestmark = pytest.mark.django_db

HEADER = [
    "Id",
    "FID",
    "StreetName",
    "BuildingNumber",
    "FlatNumber",
    "FirstName",
    "LastName",
    "FamilyNumber",
    "IsAnsweredTheCall",
    "IsLonely",
    "IsAddressWrong",
    "NewStreetName",
    "NewBuildingNumber",
    "NewFlatNumber",
    "HasMamad",
    "HasMiklatPrati",
    "HasMiklatZiburi",
    "HasMobilityRestriction",
    "IsDead",
    "IsLeftTheCityPermanent",
    "HasTemporaryAddress",
    "IsTemporaryAbroad",
    "TemporaryStreetName",
    "TemporaryBuildingNumber",
    "TemporaryFlat",
    "Status",
    "LockedByUserId",
    "LockedUntil",
    "LastUpdatedByUserId",
    "LastUpdatedAt",
    "CreatedAt",
    "AppearanceCount",
    "FirstTimeAppearance",
    "SecondTimeAppearance",
    "ThirdTimeAppearance",
    "callcenter_case_number",
]


def export(client, **params) -> tuple[list[str], list[dict[str, str]]]:
    response = client.get("/admin/citizens", **params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_export_is_a_streamed_utf8_csv_attachment_with_a_timestamped_name(as_admin):
    response = as_admin.get("/admin/citizens")

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="citizens-export-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.csv"',
        response["Content-Disposition"],
    )


def test_the_header_has_the_36_columns_in_order_and_each_citizen_one_row(as_admin):
    CitizenFactory.create_batch(3)

    header, rows = export(as_admin)

    assert header == HEADER
    assert len(header) == 36
    assert len(rows) == 3


def test_the_case_number_column_is_filled_for_citizens_with_a_case_and_empty_for_the_rest(as_admin):
    without = CitizenFactory()
    case = CallcenterCaseFactory(callcenter_case_number="012345")

    _, rows = export(as_admin)

    by_id = {row["Id"]: row for row in rows}
    assert by_id[str(case.citizen_id)]["callcenter_case_number"] == "012345"
    assert by_id[str(without.pk)]["callcenter_case_number"] == ""


def test_booleans_read_true_false_and_timestamps_are_iso_8601_utc(as_admin, operator):
    citizen = locked_citizen(operator, has_safe_room=True)

    _, [row] = export(as_admin)

    assert (row["HasMamad"], row["IsDead"], row["Status"]) == ("True", "False", "InProgress")
    assert row["LockedByUserId"] == str(operator.pk)
    locked_until = dt.datetime.fromisoformat(row["LockedUntil"])
    assert row["LockedUntil"].endswith("Z")
    assert locked_until == citizen.locked_until.replace(microsecond=0)
    assert (row["LastUpdatedAt"], row["SecondTimeAppearance"], row["LastUpdatedByUserId"]) == ("", "", "")


def test_cells_that_could_run_as_formulas_get_a_leading_apostrophe(as_admin):
    CitizenFactory(
        fid='=HYPERLINK("http://evil")',
        street_name="+SUM(A1)",
        first_name="-2+3",
        last_name="@cmd",
        flat_number="\tx",
        building_number="\r1",
        phone1="+972501234567",
    )

    _, [row] = export(as_admin, include="phones")

    assert row["FID"] == '\'=HYPERLINK("http://evil")'
    assert row["StreetName"] == "'+SUM(A1)"
    assert (row["FirstName"], row["LastName"]) == ("'-2+3", "'@cmd")
    assert (row["FlatNumber"], row["BuildingNumber"]) == ("'\tx", "'\r1")
    assert row["Phone1"] == "'+972501234567"


def test_commas_quotes_and_line_breaks_survive_the_round_trip(as_admin):
    CitizenFactory(street_name="Ha\"Nevi'im, corner\nof Jaffa", first_name="שרה")

    _, [row] = export(as_admin)

    assert row["StreetName"] == "Ha\"Nevi'im, corner\nof Jaffa"
    assert row["FirstName"] == "שרה"


def test_rows_end_with_crlf_as_rfc_4180_says(as_admin):
    CitizenFactory()
    text = b"".join(as_admin.get("/admin/citizens").streaming_content)
    assert text.count(b"\r\n") == 2
    assert text.endswith(b"\r\n")


def test_phones_are_added_only_on_request(as_admin):
    CitizenFactory(phone1="0501234567", phone2="", phone3="036543210")

    plain_header, _ = export(as_admin)
    header, [row] = export(as_admin, include="phones")

    assert "Phone1" not in plain_header
    assert header == [*HEADER, "Phone1", "Phone2", "Phone3"]
    assert (row["Phone1"], row["Phone2"], row["Phone3"]) == ("0501234567", "", "036543210")


def test_the_export_reads_all_citizens_and_their_cases_in_one_query(as_admin, django_assert_max_num_queries):
    for _ in range(25):
        CallcenterCaseFactory()
    CitizenFactory.create_batch(25)
    # the token's user, the audit event (savepoint + insert), then one query for citizens joined to cases
    with django_assert_max_num_queries(5):
        _, rows = export(as_admin)
    assert len(rows) == 50


def test_an_unknown_include_gives_422(as_admin):
    assert as_admin.get("/admin/citizens", include="passwords").status_code == 422


def test_anonymous_callers_get_401(anonymous_api):
    assert anonymous_api.get("/admin/citizens").status_code == 401


@pytest.mark.parametrize("persona", ["operator", "viewer", "caseworker", "manager"])
def test_only_admins_may_export(api_as, request, persona):
    assert api_as(request.getfixturevalue(persona)).get("/admin/citizens").status_code == 403


def test_every_export_is_audited(as_admin):
    from casework.audit.models import AuditEvent

    export(as_admin)
    assert AuditEvent.objects.filter(verb="callcenter.citizens_exported").count() == 1
