"""Schemathesis over every operation of the served OpenAPI schema, as an admin and as a read-only viewer, with
every check: no server errors, only documented status codes and content types, bodies that match their
schemas, requests the schema calls valid accepted and requests it calls invalid refused."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from casework.accounts.tokens import issue_token

# A request the schema calls valid must be accepted: 2xx, or 401/403 (the persona's role), 404 (a drawn id
# names nothing) or 409 (the state of the data), schemathesis's defaults. These operations may also answer 422
# to a valid request, for a reason no schema can state: which rows exist, or what an uploaded file holds. Each
# 422 names its field; everything the schema can say (types, patterns, enums, required) it says.
STATE_DEPENDENT_422 = {
    "open_case": "contact_id, case_type_id, assigned_to and team ids must name existing rows",
    "create_team": "member_ids must name existing active users",
    "update_team": "member_ids must name existing active users",
    "create_callcenter_case": "`id` and `citizenRecordId`, when both are sent, must name the same citizen",
    "list_cases": "cursor must be one this list gave (an opaque token)",
    "reorder_definitions": "orderedIds must name every existing outcome definition exactly once",
    "reorder_milestones": "orderedIds must name every milestone of the case exactly once",
    "import_citizens": "the CSV file's encoding, header and rows",
    "submit_call_result": "address fields are required depending on the checkboxes sent with them",
}
ACCEPTED = ["2xx", "401", "403", "404", "409"]

config = SchemathesisConfig.from_dict(
    {
        # No text may hold the NUL character (PostgreSQL cannot store it, in text or JSON columns): every
        # operation refuses it with 422 nul_character, as the API's description says. A string schema cannot
        # say it short of a pattern on every string, so no valid request is generated with one.
        "generation": {"allow-x00": False},
        "operations": [
            {
                "include-operation-id": operation_id,
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "422"]}},
            }
            for operation_id in STATE_DEPENDENT_422
        ],
    }
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=config)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go through the WSGI handler, which closes the database connection after each one; Django's
    test client keeps it open (the test's transaction lives on it) by disconnecting the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["admin", "viewer"])
def persona_token(request) -> str:
    return issue_token(request.getfixturevalue(request.param)).token


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=5, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
def test_every_operation_keeps_its_schema(case, persona_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {persona_token}"})


def test_every_operation_allowed_a_422_exists():
    operation_ids = {result.ok().definition.raw["operationId"] for result in schema.get_all_operations()}
    assert set(STATE_DEPENDENT_422) <= operation_ids, sorted(set(STATE_DEPENDENT_422) - operation_ids)
