"""Schema fuzzing: schemathesis generates requests for every operation of the API's own OpenAPI schema and
sends them in-process (WSGI), signed in as an admin and as a viewer (each generated request is sent as both). No answer may be a 5xx, and every answer
must match the schema: a documented status code, its content type and its body schema.

Bounded and reproducible: `max_examples` per operation and persona, derandomized (the same examples every run).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from casework.accounts.tokens import issue_token
from casework.config.wsgi import application
from tests.accounts.factories import UserFactory

MAX_EXAMPLES = 4
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def tokens(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Calls go straight to the WSGI app, not through Django's test client: like the client, keep the request
    # signals from closing the test transaction's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        role: issue_token(UserFactory(email=f"fuzz-{role}@example.org", role_id=role)).token
        for role in ("admin", "viewer")
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx_or_off_schema(case, tokens):
    # The same generated request, sent as each persona.
    for token in tokens.values():
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
