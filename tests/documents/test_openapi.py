"""The document endpoints are in the OpenAPI schema with their error answers."""

import pytest

from casework.documents.filetypes import ALLOWED

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths(client):
    return client.get("/api/openapi.json").json()["paths"]


def test_every_document_endpoint_is_documented_with_its_errors(paths):
    expected = {
        ("post", "/api/cases/{case_id}/documents"): {"201", "401", "403", "404", "413", "415", "422"},
        ("get", "/api/cases/{case_id}/documents"): {"200", "401", "403", "404"},
        ("get", "/api/documents/{document_id}/download"): {"200", "401", "403", "404"},
        ("post", "/api/documents/{document_id}/versions"): {"201", "401", "403", "404", "413", "415", "422"},
        ("delete", "/api/documents/{document_id}"): {"204", "401", "403", "404"},
    }
    for (method, path), statuses in expected.items():
        assert statuses <= set(paths[path][method]["responses"]), (method, path)


def test_uploads_are_documented_as_multipart_with_a_file(paths):
    body = paths["/api/cases/{case_id}/documents"]["post"]["requestBody"]["content"]
    schema = body["multipart/form-data"]["schema"]
    assert {"file", "document_type", "access_level", "description"} <= set(schema["properties"])


def test_the_download_is_documented_as_a_binary_file_of_every_type_served(paths):
    content = paths["/api/documents/{document_id}/download"]["get"]["responses"]["200"]["content"]
    assert set(content) == {kind.mime_type for kind in ALLOWED.values()}
    assert {body["schema"]["format"] for body in content.values()} == {"binary"}
