"""The same person's first single sign-on in several tabs at once, with accounts created on first sign-in: one
account, created once, and every tab signed in as it (the email's unique constraint decides)."""

import pytest

from casework.accounts.models import User
from casework.accounts.oidc import services
from casework.audit.models import AuditEvent
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_first_sign_ins_of_one_email_create_one_account(settings):
    settings.OIDC_ISSUER = "https://login.example.org"
    settings.OIDC_CREATE_USERS = True
    settings.OIDC_ROLE_CLAIM = ""
    identity = services.Identity(email="Twin@Example.org", email_verified=True, first_name="Twin")

    signed_in = run_at_once(4, lambda _i: services.sign_in(identity).pk)

    user = User.objects.get(email="twin@example.org")
    assert signed_in == [user.pk] * 4
    assert AuditEvent.objects.filter(verb="user.created", target_id=str(user.pk)).count() == 1
    assert AuditEvent.objects.filter(verb="user.signed_in", target_id=str(user.pk)).count() == 4
