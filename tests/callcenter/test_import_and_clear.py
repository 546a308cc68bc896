"""POST /api/admin/citizens (upload a new list) and DELETE /api/admin/citizens?confirm=true (clear it)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.accounts.tokens import issue_token
from casework.audit.models import AuditEvent
from casework.callcenter.models import CallcenterCase, CitizenRecord
from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory

pytestmark = pytest.mark.django_db

LIST = (
    "FID,StreetName,BuildingNumber,FlatNumber,FirstName,LastName,FamilyNumber,Phone1,Phone2,Phone3,IsLonely\r\n"
    "1001,הרצל,12א,3,נועה,כהן,4,050-1234567,,,True\r\n"
    '1002,"Rothschild Boulevard, North",7,,Jean-Luc,O\'Connor,1,+972 3 555 0000,,,False\r\n'
    "1003,Park Lane,101,12,Анна,Петрова,2,,,,\r\n"
)


def upload(user, content: bytes | str, name: str = "list.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    headers = {"Authorization": f"Bearer {issue_token(user).token}"} if user else {}
    return Client().post(
        "/api/admin/citizens", {"file": SimpleUploadedFile(name, data, "text/csv")}, headers=headers
    )


def test_an_uploaded_list_creates_pending_citizens(admin):
    response = upload(admin, LIST)

    assert response.status_code == 201
    assert response.json() == {"imported": 3}
    noa = CitizenRecord.objects.get(fid="1001")
    assert (noa.first_name, noa.building_number, noa.flat_number, noa.family_number) == (
        "נועה",
        "12א",
        "3",
        4,
    )
    assert (noa.status, noa.is_lonely, noa.appearance_count) == ("Pending", True, 0)
    assert CitizenRecord.objects.get(fid="1002").street_name == "Rothschild Boulevard, North"
    assert AuditEvent.objects.filter(verb="callcenter.citizens_imported", data__citizens=3).exists()


def test_a_list_imported_then_exported_reads_back_the_same(admin, api_as):
    upload(admin, "\ufeff" + LIST)  # Excel's byte-order mark is accepted

    exported = b"".join(api_as(admin).get("/admin/citizens", include="phones").streaming_content).decode()

    original = list(csv.DictReader(io.StringIO(LIST, newline="")))
    back = list(csv.DictReader(io.StringIO(exported, newline="")))
    for column in [
        "FID",
        "StreetName",
        "BuildingNumber",
        "FlatNumber",
        "FirstName",
        "LastName",
        "FamilyNumber",
    ]:
        assert [r[column] for r in back] == [r[column] for r in original], column
    assert [r["Phone1"] for r in back] == ["050-1234567", "'+972 3 555 0000", ""]
    assert [r["IsLonely"] for r in back] == ["True", "False", "False"]


def test_an_export_can_be_uploaded_again_after_clearing(admin, api_as):
    upload(admin, LIST)
    exported = b"".join(api_as(admin).get("/admin/citizens", include="phones").streaming_content)
    api_as(admin).delete("/admin/citizens", confirm="true")

    assert upload(admin, exported).status_code == 201
    assert CitizenRecord.objects.get(fid="1002").phone1 == "+972 3 555 0000"


@pytest.mark.parametrize(
    ("bad_line", "line", "field"),
    [
        ("2001,Elm,3,1,Dan1,Levi,2,,,,", 5, "FirstName"),
        ("2001,Elm,3b4,1,Dan,Levi,2,,,,", 5, "BuildingNumber"),
        ("2001,Elm,3,1a,Dan,Levi,2,,,,", 5, "FlatNumber"),
        ("2001,Elm,3,1,Dan,Levi,0,,,,", 5, "FamilyNumber"),
        ("2001,Elm,3,1,Dan,Levi,-2,,,,", 5, "FamilyNumber"),
        ("2001,Elm,3,1,Dan,,2,,,,", 5, "LastName"),
        ("2001,Elm,3,1,Dan,Levi,2,call me,,,", 5, "Phone1"),
        ("2001,Elm,3,1,Dan,Levi,2,,,,maybe", 5, "IsLonely"),
        ('2001,"Elm\nStreet",3,1,Dan,Levi,2,,,,\r\n2002,Elm,3,1,D4n,Levi,2,,,,', 7, "FirstName"),
        ("\r\n\r\n2001,Elm,3,1,Dan,Levi,-1,,,,", 7, "FamilyNumber"),
        ("2001,Elm,3,1,Dan,Levi,2,,,,,extra", 5, "file"),
    ],
)
def test_a_bad_row_rejects_the_whole_file_naming_its_line_and_field(admin, bad_line, line, field):
    content = LIST + bad_line + "\r\n"

    response = upload(admin, content)

    assert response.status_code == 422
    body = response.json()
    assert (body["field"], body["line"]) == (field, line)
    assert body["message"].startswith(f"Line {line}")
    assert CitizenRecord.objects.count() == 0


def test_a_bad_row_after_thousands_of_good_ones_leaves_nothing_behind(admin):
    rows = "".join(f"{n},Elm,{n % 50 + 1},,Dan,Levi,1,,,,\r\n" for n in range(4500))
    content = LIST.split("\r\n", 1)[0] + "\r\n" + rows + "9999,Elm,1,,Dan,Levi,zero,,,,\r\n"

    response = upload(admin, content)

    assert (response.status_code, response.json()["line"]) == (422, 4502)
    assert CitizenRecord.objects.count() == 0


def test_a_missing_required_column_is_named(admin):
    response = upload(admin, "FID,StreetName,BuildingNumber,FirstName,FamilyNumber\r\n1,Elm,1,Dan,1\r\n")
    assert (response.status_code, response.json()["field"]) == (422, "LastName")


def test_a_file_that_is_not_utf8_names_the_line(admin):
    content = LIST.encode("utf-8") + "4001,Elm,1,,Zoë,Levi,1,,,,\r\n".encode("latin-1")
    response = upload(admin, content)
    assert (response.status_code, response.json()["code"], response.json()["line"]) == (
        422,
        "invalid_encoding",
        5,
    )


@pytest.mark.parametrize("content", ["", "FID,StreetName,BuildingNumber,FirstName,LastName,FamilyNumber\r\n"])
def test_an_empty_list_gives_422(admin, content):
    assert upload(admin, content).status_code == 422


def test_a_request_without_a_file_gives_422(admin):
    response = Client().post(
        "/api/admin/citizens", {}, headers={"Authorization": f"Bearer {issue_token(admin).token}"}
    )
    assert response.status_code == 422


def test_uploading_while_citizens_exist_gives_409_and_adds_nothing(admin):
    CitizenFactory()

    response = upload(admin, LIST)

    assert (response.status_code, response.json()["code"]) == (409, "citizens_exist")
    assert CitizenRecord.objects.count() == 1


def test_anonymous_uploads_get_401(db):
    assert upload(None, LIST).status_code == 401


@pytest.mark.parametrize("persona", ["operator", "viewer", "caseworker", "manager"])
def test_only_admins_may_upload(request, persona):
    assert upload(request.getfixturevalue(persona), LIST).status_code == 403
    assert CitizenRecord.objects.count() == 0


def test_clearing_deletes_every_citizen_and_case_and_is_audited(as_admin, admin):
    CallcenterCaseFactory.create_batch(2)
    CitizenFactory.create_batch(3)

    response = as_admin.delete("/admin/citizens", confirm="true")

    assert response.status_code == 200
    assert response.json() == {"deleted_citizens": 5, "deleted_cases": 2}
    assert (CitizenRecord.objects.count(), CallcenterCase.objects.count()) == (0, 0)
    event = AuditEvent.objects.get(verb="callcenter.citizens_cleared")
    assert (event.actor, event.data) == (admin, {"citizens": 5, "cases": 2})


@pytest.mark.parametrize("params", [{}, {"confirm": "false"}])
def test_clearing_without_confirm_true_gives_422_and_deletes_nothing(as_admin, params):
    CitizenFactory()

    response = as_admin.delete("/admin/citizens", **params)

    assert (response.status_code, response.json()["field"]) == (422, "confirm")
    assert CitizenRecord.objects.count() == 1


def test_anonymous_clearing_gets_401(anonymous_api):
    assert anonymous_api.delete("/admin/citizens", confirm="true").status_code == 401


@pytest.mark.parametrize("persona", ["operator", "viewer", "caseworker", "manager"])
def test_only_admins_may_clear(api_as, request, persona):
    CitizenFactory()
    assert (
        api_as(request.getfixturevalue(persona)).delete("/admin/citizens", confirm="true").status_code == 403
    )
    assert CitizenRecord.objects.count() == 1
