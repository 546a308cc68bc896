"""Call-center personas: two operators (to show whose lock is whose) beside the shared admin and others."""

import pytest

from casework.accounts.models import User
from tests.accounts.factories import UserFactory


@pytest.fixture
def operator(db) -> User:
    return UserFactory(
        email="olive.operator@example.org", role_id="operator", first_name="Olive", last_name="Operator"
    )


@pytest.fixture
def other_operator(db) -> User:
    return UserFactory(
        email="otto.operator@example.org", role_id="operator", first_name="Otto", last_name="Operator"
    )


@pytest.fixture
def as_operator(api_as, operator):
    return api_as(operator)


@pytest.fixture
def as_admin(api_as, admin):
    return api_as(admin)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Argon2 costs a quarter second per account; these tests create several per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_retry_delay(settings):
    """Most tests work a citizen several times in a row; the retry delay has its own module."""
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 0
