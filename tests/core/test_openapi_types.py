"""A client generated from the OpenAPI schema types every answer exactly: every declared status of every
operation has a content schema with concrete types (binary downloads and 204 aside), operation ids are plain
names, error bodies declare every field they carry."""

import re
from typing import Any

import pytest

from casework.cases.schemas import ByPriorityOut, ByStatusTypeOut, PriorityName, StatusTypeName
from casework.core.api import ErrorOut
from casework.core.errors import ERROR_CODES

pytestmark = pytest.mark.django_db

# Values whose shape is the user's, not the API's: answers to a case type's custom fields and intake questions
# (configured per case type), the old and new values of any field in a history entry, a notification's
# event-specific data, a system timeline entry's sentence values and the attachment metadata a client stores
# with its note. Everything else has a fixed shape and must say it.
FREE_FORM = {
    "CaseOut.intake_data",
    "CaseOut.custom_data",
    "FieldChangeOut.old",
    "FieldChangeOut.new",
    "NatureCheckFieldChangeOut.old",
    "NatureCheckFieldChangeOut.new",
    "NotificationOut.data",
    "NoteOut.params",
    "NoteOut.attachments[]",
}
BINARY_DOWNLOADS = {"string"}  # a download's schema is {"type": "string", "format": "binary"}


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _untyped(node: Any, where: str, components: dict[str, Any], seen: frozenset[str]) -> list[str]:
    """The places under `node` where a value's type is not stated (a free-form object, a missing type)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _untyped(components[name], name, components, seen | {name})
    found = []
    for combinator in ("anyOf", "oneOf", "allOf"):
        for option in node.get(combinator, []):
            found += _untyped(option, where, components, seen)
    if not any(key in node for key in ("type", "anyOf", "oneOf", "allOf", "enum", "const")):
        found.append(where)
    if node.get("type") == "object":
        free = node.get("additionalProperties") in (True, {}, None) and not node.get("properties")
        if free and where not in FREE_FORM:
            found.append(where)
        for name, child in node.get("properties", {}).items():
            found += _untyped(child, f"{where}.{name}", components, seen)
        if isinstance(node.get("additionalProperties"), dict) and node["additionalProperties"]:
            found += _untyped(node["additionalProperties"], f"{where}{{}}", components, seen)
    if node.get("type") == "array":
        found += _untyped(node.get("items", {}), f"{where}[]", components, seen)
    return [place for place in found if place not in FREE_FORM]


def test_every_answer_of_every_operation_has_a_typed_schema(schema):
    components = schema["components"]["schemas"]
    problems = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                label = f"{method.upper()} {path} {status}"
                content = response.get("content")
                if str(status) == "204":
                    assert not content, label
                    continue
                if not content:
                    problems.append(f"{label}: no content")
                    continue
                for media_type, body in content.items():
                    body_schema = body.get("schema")
                    if not body_schema:
                        problems.append(f"{label} {media_type}: no schema")
                    elif media_type != "application/json":
                        if body_schema.get("type") not in BINARY_DOWNLOADS:
                            problems.append(f"{label} {media_type}: not a string")
                    else:
                        problems += [
                            f"{label}: {place}"
                            for place in _untyped(body_schema, label, components, frozenset())
                        ]
    assert not problems, "\n".join(problems)


def test_the_typing_walk_finds_a_free_form_object():
    components = {"Out": {"type": "object", "properties": {"pagination": {"type": "object"}}}}
    assert _untyped({"$ref": "#/components/schemas/Out"}, "x", components, frozenset()) == ["Out.pagination"]


def test_operation_ids_are_plain_snake_case_names_unique_across_the_schema(schema):
    ids = [
        operation["operationId"]
        for operations in schema["paths"].values()
        for operation in operations.values()
    ]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i) or len(i) > 40] == []
    assert [i for i in ids if i.startswith("casework_") or "_api_" in i] == []


def test_error_bodies_declare_every_field_an_error_carries():
    declared = set(ErrorOut.model_fields)
    carried = {name for code in ERROR_CODES for name in code.data_fields}
    assert carried <= declared, sorted(carried - declared)


def test_lists_and_the_summary_type_their_pagination_and_counts(schema):
    components = schema["components"]["schemas"]
    assert components["CaseListOut"]["properties"]["pagination"] == {
        "$ref": "#/components/schemas/PaginationOut"
    }
    assert set(components["PaginationOut"]["required"]) == {"page", "limit"}
    assert set(ByPriorityOut.model_fields) == set(PriorityName.__args__)
    assert set(ByStatusTypeOut.model_fields) == set(StatusTypeName.__args__)


def test_downloads_document_the_content_types_they_serve(schema):
    def served(path):
        return set(schema["paths"][path]["get"]["responses"]["200"]["content"])

    assert served("/api/reports/cases.csv") == {"text/csv"}
    assert served("/api/reports/cases.xlsx") == {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }
    assert {"application/pdf", "image/png", "text/plain"} <= served("/api/documents/{document_id}/download")
    assert served("/api/contacts/{contact_id}/export") == {"application/zip"}


def test_note_types_offered_on_input_are_the_ones_accepted(schema):
    components = schema["components"]["schemas"]
    offered = set(components["NoteIn"]["properties"]["note_type"]["enum"])
    assert "status_change" not in offered  # written by the status change itself, never posted
    assert "status_change" in components["NoteOut"]["properties"]["note_type"]["enum"]


def test_a_contact_update_does_not_offer_a_null_name(schema):
    properties = schema["components"]["schemas"]["ContactUpdateIn"]["properties"]
    assert properties["last_name"]["type"] == "string"
    assert "anyOf" not in properties["last_name"]
