"""Token revocation that does not depend on which screen changed the account."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_password_changed_in_the_admin_screen_revokes_old_tokens(api_as, caseworker):
    api = api_as(caseworker)
    assert api.get("/auth/me").status_code == 200
    caseworker.set_password("a-brand-new-passphrase-2026")
    caseworker.save()
    assert api.get("/auth/me").status_code == 401
