"""In a real browser (Debian's chromium): "Sign in with ..." on the sign-in page, signing in at the test OpenID
Provider, and landing on the dashboard as the account with that verified email; a refusal comes back to the
sign-in page with its reason."""

import re

import pytest

from tests.accounts.factories import UserFactory
from tests.oidc_provider import harness
from tests.oidc_provider.harness import PROVIDER_PASSWORD
from tests.web.browser import expect, launch, reseed

oidc_provider, sso = harness.oidc_provider, harness.sso  # the provider's fixtures

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser(django_db_setup):
    yield from launch()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _sign_in_at_provider(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/signin/")
    page.click("text=Sign in with Test Provider")
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/accounts/login/"))
    expect(page.locator("h1")).to_have_text("Test identity provider")
    page.fill("#id_username", username)
    page.fill("#id_password", PROVIDER_PASSWORD)
    page.click("text=Sign in at the provider")


def test_signing_in_with_the_provider_lands_on_the_dashboard_as_the_matched_user(sso, live_server, page):
    reseed()
    UserFactory(email="ada.sso@example.org", first_name="Ada", last_name="Lovelace", role_id="caseworker")

    _sign_in_at_provider(page, live_server, "ada")

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("form.signout")).to_be_visible()
    expect(page.locator("header")).to_contain_text("Ada Lovelace")


def test_a_provider_user_without_an_account_comes_back_to_the_sign_in_page_with_the_reason(
    sso, live_server, page
):
    reseed()
    _sign_in_at_provider(page, live_server, "newcomer")

    page.wait_for_url(f"{live_server.url}/signin/")
    expect(page.locator("main")).to_contain_text("There is no Casework account for newcomer@example.org")
    expect(page.locator("form.signout")).to_have_count(0)
