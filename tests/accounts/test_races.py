"""Two admins registering the same email at the same moment: one account, one clear refusal."""

import pytest

from casework.accounts.models import User
from casework.accounts.services import create_user
from casework.core.errors import Conflict
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_registrations_of_one_email_create_one_account():
    def register(i):
        try:
            create_user(
                email="same@example.org",
                password="a-long-enough-passphrase",
                role="caseworker",
                first_name=f"Twin {i}",
            )
            return "created"
        except Conflict as exc:
            return exc.code

    results = sorted(run_at_once(4, register))
    assert results == ["created", "email_taken", "email_taken", "email_taken"]
    assert User.objects.filter(email="same@example.org").count() == 1
