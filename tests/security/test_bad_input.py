"""Bad input gets a defined JSON answer, never a 500: oversized bodies 413, wrong content types 415, malformed
JSON 400, NUL characters 422 naming the field, out-of-range pages and ids 422 (or 404), and unknown body fields
are ignored. Unicode and right-to-left names round-trip; exported cells cannot run as spreadsheet formulas."""

import csv
import io
import json
import re

import pytest
from django.test import Client

from casework.accounts.tokens import issue_token
from casework.config.api import api
from casework.contacts.models import Contact
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ContactFactory
from tests.security.world import World


@pytest.fixture
def admin_headers(world: World) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(world.users['admin']).token}"}


def _post_raw(headers, path: str, body: bytes | str, content_type: str):
    return Client().post(f"/api{path}", body, content_type=content_type, headers=headers)


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code, body
    return body


# Size and content type


def test_a_body_over_the_upload_limit_is_413_json(settings, admin_headers):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    body = json.dumps({"first_name": "Big", "last_name": "Body", "notes": "x" * 5_000})

    response = _post_raw(admin_headers, "/contacts", body, "application/json")

    _assert_error(response, 413, "payload_too_large")
    assert not Contact.objects.filter(first_name="Big").exists()


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"],
)
def test_a_json_operation_sent_another_content_type_is_415(admin_headers, content_type):
    body = json.dumps({"first_name": "Plain", "last_name": "Text"})

    response = _post_raw(admin_headers, "/contacts", body, content_type)

    _assert_error(response, 415, "unsupported_media_type")
    assert not Contact.objects.filter(first_name="Plain").exists()


def test_json_with_a_charset_or_a_json_suffix_type_is_accepted(admin_headers):
    body = json.dumps({"first_name": "Char", "last_name": "Set"})

    assert _post_raw(admin_headers, "/contacts", body, "application/json; charset=utf-8").status_code == 201


@pytest.mark.parametrize("body", ['{"first_name": "A",', "not json", '{"first_name": "A"}}', "\xff\xfe"])
def test_malformed_json_is_400(admin_headers, body):
    _assert_error(_post_raw(admin_headers, "/contacts", body, "application/json"), 400, "malformed_request")


def test_unknown_body_fields_are_ignored(admin_headers):
    body = {"first_name": "Una", "last_name": "Known", "is_admin": True, "id": "forged", "row_version": 99}

    response = _post_raw(admin_headers, "/contacts", json.dumps(body), "application/json")

    assert response.status_code == 201
    contact = Contact.objects.get(first_name="Una")
    assert str(contact.pk) != "forged"
    assert contact.row_version == 1


# Pages and ids


@pytest.mark.parametrize(
    "query",
    ["limit=100000", "limit=0", "limit=-1", "page=0", "page=-5", "page=99999999999999999999", "limit=abc"],
)
@pytest.mark.parametrize("path", ["/contacts", "/cases", "/notifications", "/naturecheck/farms", "/citizens"])
def test_out_of_range_paging_is_422(admin_headers, path, query):
    response = Client().get(f"/api{path}?{query}", headers=admin_headers)

    _assert_error(response, 422, "validation_error")


BAD_IDS = ["-1", "0", "not-a-uuid", "99999999999999999999999", "1e9", "%20", "..%2F..%2Fetc"]


def _operations_with_path_ids() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    return [(method, path) for path, ops in paths.items() for method in ops if "{" in path]


@pytest.mark.parametrize(("method", "path"), _operations_with_path_ids())
def test_negative_zero_huge_and_non_uuid_ids_are_422_or_404_never_500(admin_headers, method, path):
    answers = {}
    for bad in BAD_IDS:
        url = re.sub(r"\{[^}]+\}", bad, path)
        if method == "get":
            response = Client().get(url, headers=admin_headers)
        else:
            response = getattr(Client(), method)(
                url, "{}", content_type="application/json", headers=admin_headers
            )
        answers[bad] = response.status_code
        assert response["Content-Type"].startswith("application/json"), (bad, response.content[:200])
    assert set(answers.values()) <= {404, 422}, answers


# Text


NAMES = [
    ("נועה", "כהן"),  # Hebrew, right to left
    ("مريم", "الحسيني"),  # Arabic, right to left
    ("Zoë 🙂‍↔️", "O'Brien-Łukasiewicz"),  # emoji with joiners, apostrophe, Polish
    ("\u202eevil", "Override"),  # a right-to-left override character is stored as given
]


@pytest.mark.parametrize(("first", "last"), NAMES)
def test_unicode_and_right_to_left_names_round_trip(api_as, world, first, last):
    api = api_as(world.users["admin"])

    created = api.post("/contacts", {"first_name": first, "last_name": last})

    assert created.status_code == 201, created.content
    read = api.get(f"/contacts/{created.json()['id']}").json()
    assert (read["first_name"], read["last_name"]) == (first, last)
    found = api.get("/contacts", search=first).json()
    assert created.json()["id"] in [c["id"] for c in found["contacts"]]


def test_a_nul_character_in_a_body_field_is_422_naming_the_field(api_as, world):
    response = api_as(world.users["admin"]).post("/contacts", {"first_name": "An\x00na", "last_name": "Nul"})

    body = _assert_error(response, 422, "nul_character")
    assert body["field"] == "first_name"
    assert not Contact.objects.filter(last_name="Nul").exists()


def test_a_nul_character_in_a_nested_field_names_its_path(api_as, world):
    farm = {
        "name": "Gård",
        "cvr": "11223344",
        "address": {"street": "Mejerivej\x00 3", "postal_code": "8000", "city": "Aarhus"},
        "owner": {"first_name": "Jens", "last_name": "Nul", "email": "nul@landbrug.example"},
    }

    body = _assert_error(api_as(world.users["admin"]).post("/naturecheck/farms", farm), 422, "nul_character")

    assert body["field"] == "address.street"


def test_a_nul_character_in_a_query_parameter_is_422_naming_it(admin_headers):
    body = _assert_error(
        Client().get("/api/contacts?search=a%00b", headers=admin_headers), 422, "nul_character"
    )

    assert body["field"] == "search"


# Exports

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_cell_of_the_cases_csv_export_can_run_as_a_formula(api_as, world, payload):
    contact = ContactFactory(first_name=payload, last_name=payload)
    world.users["caseworker"].first_name = payload
    world.users["caseworker"].last_name = payload
    world.users["caseworker"].save(update_fields=["first_name", "last_name"])
    world.team.name = payload
    world.team.save(update_fields=["name"])
    CaseFactory(
        contact=contact,
        title=payload,
        tags=[payload],
        assigned_to=world.users["caseworker"],
        assigned_team=world.team,
    )

    response = api_as(world.users["admin"]).get("/reports/cases.csv", limit=100)

    assert response.status_code == 200
    cells = _cells(b"".join(response.streaming_content))
    assert sum(1 for c in cells if c.lstrip("'").startswith(payload[:2])) >= 6
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-\D", c[:2])]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_cell_of_the_citizen_export_can_run_as_a_formula(api_as, world, payload):
    from tests.callcenter.factories import CitizenFactory

    CitizenFactory(
        first_name=payload[:30], last_name=payload[:30], street_name=payload[:30], phone1=payload[:20]
    )

    response = api_as(world.users["admin"]).get("/admin/citizens", include="phones")

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = _cells(content)
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-\D", c[:2])]
