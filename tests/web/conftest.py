"""Fixtures of the web UI tests: a Django test client signed in as one of the personas."""

import pytest
from django.test import Client

from casework.accounts.models import User


@pytest.fixture
def client_as():
    """`client_as(user)` gives a test client with that user's session (`client_as(None)`: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
