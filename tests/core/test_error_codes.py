"""Errors are declared codes with parameters, rendered in the reader's language.

Every declared code has a Danish and a Hebrew translation; a raised error renders its message when it is read,
in the language active then; the API answers in the request's `Accept-Language`, English by default, with the
same `code` and `field` in every language.
"""

import importlib
import pkgutil
import re
import uuid

import pytest
from django.utils.translation import override

import casework
from casework.callcenter.errors import AT_LINE_AND_COLUMN, INVALID_NAME, RowError
from casework.core import errors as core_errors
from casework.core.errors import ERROR_CODES, MUST_BE_AT_LEAST, DomainError, ErrorCode, ValidationFailed
from tests.accounts.factories import UserFactory

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


def _declare_every_app_codes() -> None:
    """Import every `casework.<app>.errors` module (and sub-package's), so the registry holds all codes."""
    for module in pkgutil.walk_packages(casework.__path__, "casework."):
        if module.name.rsplit(".", 1)[-1] == "errors":
            importlib.import_module(module.name)


_declare_every_app_codes()


def _has_words(template: str) -> bool:
    """A template that is only placeholders (a validator's own reasons) has nothing to translate."""
    return bool(PLACEHOLDER.sub("", template).strip())


TRANSLATABLE = [code for code in ERROR_CODES if _has_words(str(code.message))]


@pytest.mark.parametrize(
    "app",
    [
        "core",
        "accounts",
        "contacts",
        "cases",
        "cases.plan",
        "documents",
        "outcomes",
        "callcenter",
        "naturecheck",
        "notifications",
    ],
)
def test_every_app_declares_its_codes_in_its_errors_module(app: str):
    module = importlib.import_module(f"casework.{app}.errors")
    declared = [value for value in vars(module).values() if isinstance(value, ErrorCode)]
    assert declared
    assert all(code in ERROR_CODES for code in declared)


@pytest.mark.parametrize("language", ["da", "he"])
@pytest.mark.parametrize("code", TRANSLATABLE, ids=lambda c: f"{c.code}:{str(c.message)[:40]}")
def test_every_declared_code_has_a_translation(code: ErrorCode, language: str):
    with override("en"):
        english = str(code.message)
    with override(language):
        translated = str(code.message)
    assert translated.strip()
    assert translated != english
    assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(english))


@pytest.mark.parametrize("language", ["da", "he"])
def test_the_line_and_column_prefix_of_an_import_row_is_translated(language: str):
    with override(language):
        assert str(AT_LINE_AND_COLUMN) != "Line %(line)s, %(column)s: %(message)s"
        assert str(core_errors.NO_CUSTOM_FIELDS) != "no fields"


def test_a_message_is_rendered_when_read_not_when_raised():
    with override("da"):
        error = MUST_BE_AT_LEAST(field="custom_fields.age", low=5)
    with override("en"):
        assert error.message == "Must be at least 5"
        assert str(error) == "Must be at least 5"
        assert error.as_dict() == {
            "code": "validation_error",
            "message": "Must be at least 5",
            "field": "custom_fields.age",
        }
    with override("da"):
        assert error.message == "Skal være mindst 5."
    assert error.params == {"low": 5}
    assert isinstance(error, ValidationFailed) and error.status_code == 422


def test_data_fields_are_in_the_body_and_the_other_params_only_in_the_message():
    error = core_errors.ROLE_DOES_NOT_ALLOW(permission="cases.change")
    with override("en"):
        assert error.as_dict() == {
            "code": "permission_denied",
            "message": "Your role does not allow this action (cases.change)",
            "permission": "cases.change",
        }
    changed = core_errors.ConcurrentModification(current_row_version=3, field="row_version")
    with override("en"):
        assert changed.as_dict() == {
            "code": "concurrent_modification",
            "message": "The record was changed by someone else; reload it and try again",
            "field": "row_version",
            "current_row_version": 3,
        }


def test_an_error_is_raised_only_as_a_declared_code_never_as_a_text():
    # A text would reach Danish and Hebrew readers in English and give clients no stable code to branch on.
    with pytest.raises(TypeError, match="declared ErrorCode"):
        ValidationFailed("Pick a date", field="when")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        DomainError("Plain")  # type: ignore[arg-type]


def test_an_import_row_error_keeps_the_rules_code_and_field_and_names_its_line():
    error = RowError(INVALID_NAME(field="FirstName"), line=3)
    with override("en"):
        assert error.as_dict() == {
            "code": "invalid_name",
            "message": "Line 3, FirstName: Use letters, spaces, apostrophes and hyphens only.",
            "field": "FirstName",
            "line": 3,
        }
    with override("da"):
        assert error.message.startswith("Linje 3, FirstName: ")
        assert error.message != "Linje 3, FirstName: Use letters, spaces, apostrophes and hyphens only."


# --- the API answers in the request's language ------------------------------------------------------------------


def _request(client, method: str, path: str, language: str | None, token: str | None = None, body=None):
    headers = {}
    if language:
        headers["Accept-Language"] = language
    if token:
        headers["Authorization"] = f"Bearer {token}"
    kwargs = {"headers": headers}
    if body is not None:
        kwargs.update(data=body, content_type="application/json")
    return getattr(client, method)(path, **kwargs)


# (description, method, path, body, who, status, code, field, English message)
MISSING = uuid.UUID(int=1)
API_ERRORS = [
    (
        "core",
        "get",
        "/api/cases?cursor=nonsense",
        None,
        "admin",
        422,
        "validation_error",
        "cursor",
        "cursor is not one this list gave for this sort order",
    ),
    ("core", "get", "/api/no/such/endpoint", None, "admin", 404, "not_found", None, "No such API endpoint"),
    (
        "core",
        "get",
        "/api/admin/outcomes",
        None,
        "viewer",
        403,
        "permission_denied",
        None,
        "Your role does not allow this action (outcomes.manage)",
    ),
    (
        "accounts",
        "post",
        "/api/auth/login",
        '{"email": "nobody@example.org", "password": "wrong"}',
        None,
        401,
        "invalid_credentials",
        None,
        "Invalid email or password",
    ),
    (
        "contacts",
        "get",
        f"/api/contacts/{MISSING}",
        None,
        "admin",
        404,
        "not_found",
        "contact_id",
        "Contact not found",
    ),
    ("cases", "get", f"/api/cases/{MISSING}", None, "admin", 404, "not_found", None, "Case not found."),
    (
        "cases",
        "get",
        "/api/cases/summary?from=2026-02-01&to=2026-01-01",
        None,
        "admin",
        422,
        "validation_error",
        "from",
        "from must not be after to.",
    ),
    (
        "cases.plan",
        "delete",
        f"/api/services/{MISSING}",
        None,
        "admin",
        404,
        "not_found",
        None,
        "Service not found.",
    ),
    (
        "documents",
        "get",
        f"/api/documents/{MISSING}/download",
        None,
        "admin",
        404,
        "not_found",
        None,
        "Document not found",
    ),
    (
        "outcomes",
        "get",
        "/api/reports/outcomes?from=2026-02-01&to=2026-01-01",
        None,
        "admin",
        422,
        "invalid_range",
        "from",
        "`from` must not be after `to`",
    ),
    (
        "callcenter",
        "get",
        "/api/citizens/999999",
        None,
        "admin",
        404,
        "citizen_not_found",
        "id",
        "Citizen not found.",
    ),
    (
        "naturecheck",
        "get",
        f"/api/naturecheck/farms/{MISSING}",
        None,
        "admin",
        404,
        "farm_not_found",
        None,
        "The farm does not exist.",
    ),
    (
        "notifications",
        "post",
        f"/api/notifications/{MISSING}/read",
        None,
        "admin",
        404,
        "not_found",
        None,
        "Notification not found",
    ),
]


@pytest.fixture
def tokens(db):
    from casework.accounts.tokens import issue_token

    users = {
        "admin": UserFactory(email="ada.admin@example.org", role_id="admin"),
        "viewer": UserFactory(email="vic.viewer@example.org", role_id="viewer"),
    }
    return {name: issue_token(user).token for name, user in users.items()}


@pytest.mark.parametrize(
    ("app", "method", "path", "body", "who", "status", "code", "field", "english"),
    API_ERRORS,
    ids=[f"{row[0]}:{row[6]}:{row[2]}" for row in API_ERRORS],
)
def test_an_api_error_follows_accept_language_with_the_same_code_and_field(
    client, tokens, app, method, path, body, who, status, code, field, english
):
    token = tokens[who] if who else None
    answers = {}
    for language in (None, "en", "da", "he"):
        response = _request(client, method, path, language, token, body)
        assert response.status_code == status, (language, response.content)
        answers[language] = response.json()
    assert answers[None]["message"] == english
    assert answers["en"]["message"] == english
    for language in ("da", "he"):
        assert answers[language]["code"] == code
        assert answers[language].get("field") == field
        assert answers[language]["message"] not in ("", english), language
    assert answers["da"]["message"] != answers["he"]["message"]
    assert {key: value for key, value in answers[None].items() if key != "message"} == {
        key: value for key, value in answers["he"].items() if key != "message"
    }
