"""In a real browser: an admin's first sign-in sets up an authenticator app (QR code, typed key, recovery codes),
and the next sign-in asks for its code. Pictures go to the test's temporary directory."""

import re
import time
from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD, UserFactory
from tests.web.browser import expect, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str, *, step: int | None = None) -> str:
    """The code of the current time step, or of time step `step` (30 s steps from the epoch)."""
    totp = TOTP(b32decode(secret))
    totp.time = time.time() if step is None else step * 30 + 1
    return str(totp.token()).zfill(6)


@override_settings(MFA_DEMO_BYPASS=False, MFA_REQUIRED_ROLES=frozenset({"admin"}))
def test_an_admins_first_sign_in_sets_up_the_authenticator_and_the_next_asks_for_its_code(
    live_server, page, tmp_path
):
    reseed()
    UserFactory(email="ada.mfa@example.org", role_id="admin", is_staff=True, is_superuser=True)

    sign_in(page, live_server.url, "ada.mfa@example.org", PASSWORD)
    page.goto(f"{live_server.url}/cases/")
    page.wait_for_url(re.compile(r"/account/second-factor/$"))
    page.click("[data-testid=start-second-factor]")
    expect(page.locator("figure.qr svg")).to_be_visible()
    page.screenshot(path=str(tmp_path / "second-factor-setup.png"), full_page=True)
    secret = page.locator("[data-testid=totp-secret]").inner_text().replace(" ", "")
    page.fill("#id_code", _code(secret))
    page.click("main form button.primary")
    expect(page.locator("[data-testid=recovery-codes] li")).to_have_count(10)
    page.screenshot(path=str(tmp_path / "second-factor-codes.png"), full_page=True)
    page.click("text=Continue")
    page.wait_for_url(re.compile(r"/$"))

    page.click("form.signout button")
    page.goto(f"{live_server.url}/signin/")
    page.fill("#id_username", "ada.mfa@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/signin/code/$"))
    # The step after the one the set-up used (each step's code works once): not "now + 30 s", which the server
    # refuses when the set-up's code was accepted one step late and so recorded that drift.
    device = TOTPDevice.objects.get(user__email="ada.mfa@example.org", confirmed=True)
    page.fill("#id_code", _code(secret, step=device.last_t + 1))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"^{re.escape(live_server.url)}/$"))
    expect(page.locator("h1")).to_be_visible()
