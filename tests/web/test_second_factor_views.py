"""The second factor in the web: the code after the password, setting up an authenticator app, enforcement by role
(every page, the configuration screens included), the demo's note, and an administrator's reset."""

import re
import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from casework.accounts.mfa import services as mfa
from casework.audit.models import AuditEvent
from casework.web.shell.views import PENDING_SIGN_IN
from tests.accounts.factories import PASSWORD, UserFactory, totp_code, totp_device
from tests.accounts.test_auth import pinned_rate_limit_clock  # noqa: F401 (a fixture)

ENFORCED = override_settings(MFA_DEMO_BYPASS=False, MFA_REQUIRED_ROLES=frozenset({"admin"}))


def _sign_in(client, user, next_url: str = ""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("web:login"), data)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _wrong(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


# The code after the password


def test_a_user_with_an_authenticator_is_asked_for_the_code_before_the_session_is_signed_in(
    client, caseworker
):
    device = totp_device(caseworker)

    response = _sign_in(client, caseworker, next_url="/cases/")

    assert response.status_code == 302
    assert response["Location"] == reverse("web:sign_in_code")
    assert not _signed_in(client)
    assert client.get(reverse("web:dashboard")).status_code == 302  # still the sign-in page
    page = client.get(reverse("web:sign_in_code"))
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()

    done = client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})

    assert done.status_code == 302
    assert done["Location"] == "/cases/"
    assert _signed_in(client)
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_a_wrong_code_shows_the_error_and_does_not_sign_in(client, caseworker):
    device = totp_device(caseworker)
    _sign_in(client, caseworker)

    response = client.post(reverse("web:sign_in_code"), {"code": _wrong(totp_code(device))})

    assert response.status_code == 200
    assert "already used" in response.content.decode()
    assert not _signed_in(client)


def test_signing_in_with_the_code_gives_a_new_session_key(client, caseworker):
    device = totp_device(caseworker)
    _sign_in(client, caseworker)
    before = client.session.session_key

    client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})

    assert client.session.session_key != before


def test_a_code_used_in_one_browser_does_not_sign_in_another(client, caseworker):
    from django.test import Client

    device = totp_device(caseworker)
    other = Client()
    _sign_in(client, caseworker)
    _sign_in(other, caseworker)
    code = totp_code(device)

    client.post(reverse("web:sign_in_code"), {"code": code})
    replay = other.post(reverse("web:sign_in_code"), {"code": code})

    assert _signed_in(client)
    assert replay.status_code == 200
    assert not _signed_in(other)


def test_a_recovery_code_signs_in_in_the_web_too(client, caseworker):
    device = totp_device(caseworker)
    static = caseworker.staticdevice_set.create(name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token=mfa.hashed_recovery_code("abcd2345"))
    assert device

    _sign_in(client, caseworker)
    client.post(reverse("web:sign_in_code"), {"code": "ABCD 2345"})

    assert _signed_in(client)
    assert not StaticToken.objects.exists()


def test_the_code_page_without_a_password_first_goes_back_to_the_sign_in(client):
    response = client.get(reverse("web:sign_in_code"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")


def test_a_half_finished_sign_in_expires(client, caseworker):
    device = totp_device(caseworker)
    _sign_in(client, caseworker)
    session = client.session
    session[PENDING_SIGN_IN] = {**session[PENDING_SIGN_IN], "at": time.time() - 3600}
    session.save()

    response = client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})

    assert response["Location"] == reverse("web:login")
    assert not _signed_in(client)


@pytest.mark.usefixtures("pinned_rate_limit_clock")
def test_codes_in_the_web_count_in_the_sign_in_throttle(client, caseworker, settings):
    settings.LOGIN_RATE_PER_ACCOUNT = "3/5m"
    device = totp_device(caseworker)
    _sign_in(client, caseworker)  # attempt 1
    for _ in range(2):  # 2, 3
        client.post(reverse("web:sign_in_code"), {"code": _wrong(totp_code(device))})

    response = client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})  # 4

    assert "Too many sign-in attempts" in response.content.decode()
    assert not _signed_in(client)


def test_the_configuration_screens_sign_in_through_the_web_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"] == reverse("web:login") + "?next=%2Fadmin%2Faccounts%2Fuser%2F"


# Enforcement by role


@ENFORCED
def test_an_admin_without_a_second_factor_is_sent_to_set_one_up_from_every_page(client, admin):
    response = _sign_in(client, admin)
    assert _signed_in(client)

    for url in [reverse("web:dashboard"), reverse("web:case_list"), "/admin/", "/admin/accounts/user/"]:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"] == reverse("web:second_factor"), url
    htmx = client.get(reverse("web:case_list"), headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("web:second_factor")
    assert response.status_code == 302


@ENFORCED
def test_setting_up_the_authenticator_shows_the_recovery_codes_once_and_opens_the_pages(client, admin):
    _sign_in(client, admin)
    started = client.post(reverse("web:second_factor"), {"action": "start"})
    assert started.status_code == 302

    setup = client.get(reverse("web:second_factor"))
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html
    assert "Your role requires a second factor" in html
    device = admin.totpdevice_set.get()
    assert client.get(reverse("web:second_factor")).context["secret_groups"] == setup.context["secret_groups"]

    wrong = client.post(reverse("web:second_factor"), {"code": _wrong(totp_code(device))})
    assert wrong.status_code == 200
    assert not mfa.has_second_factor(admin)

    done = client.post(reverse("web:second_factor"), {"code": totp_code(device)})

    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert mfa.has_second_factor(admin)
    assert AuditEvent.objects.filter(verb="user.mfa_enrolled", target_id=str(admin.pk)).count() == 1
    assert client.get(reverse("web:dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200
    again = client.get(reverse("web:second_factor"))
    assert "recovery-codes" not in again.content.decode()  # shown only once
    assert "10 recovery codes left" in again.content.decode()


@ENFORCED
def test_opening_the_set_up_page_writes_nothing_and_starting_twice_leaves_one_pending_authenticator(
    client, admin
):
    _sign_in(client, admin)

    for _ in range(2):
        page = client.get(reverse("web:second_factor"))
        assert page.status_code == 200
        assert 'data-testid="start-second-factor"' in page.content.decode()
        assert "<svg" not in page.content.decode()
    assert not admin.totpdevice_set.exists()

    client.post(reverse("web:second_factor"), {"action": "start"})
    first = client.get(reverse("web:second_factor")).context["secret_groups"]
    client.post(reverse("web:second_factor"), {"action": "start"})

    assert admin.totpdevice_set.filter(confirmed=False).count() == 1
    assert client.get(reverse("web:second_factor")).context["secret_groups"] == first


@ENFORCED
def test_a_code_before_the_set_up_was_started_creates_nothing(client, admin):
    _sign_in(client, admin)

    response = client.post(reverse("web:second_factor"), {"code": "123456"})

    assert response.status_code == 200
    assert not admin.totpdevice_set.exists()
    assert not mfa.has_second_factor(admin)


@ENFORCED
def test_an_admin_who_set_up_the_authenticator_signs_in_with_the_code(client, admin):
    device = totp_device(admin)
    _sign_in(client, admin)
    client.post(reverse("web:sign_in_code"), {"code": totp_code(device)})

    assert client.get(reverse("web:dashboard")).status_code == 200


@ENFORCED
def test_a_session_from_before_the_set_up_must_sign_in_again_with_the_code(client_as, admin):
    totp_device(admin)
    client = client_as(admin)  # a session signed in with the password alone

    response = client.get(reverse("web:case_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not _signed_in(client)


@ENFORCED
def test_roles_that_do_not_require_it_are_not_sent_to_the_set_up(client, caseworker):
    _sign_in(client, caseworker)

    assert client.get(reverse("web:dashboard")).status_code == 200


# The demo


def test_the_demo_sign_in_page_says_its_logins_skip_the_second_factor(client, settings):
    settings.MFA_DEMO_BYPASS = True

    html = client.get(reverse("web:login")).content.decode()

    assert 'data-testid="mfa-demo-note"' in html
    assert "without a second factor" in html


@ENFORCED
def test_without_the_demo_bypass_the_sign_in_page_has_no_such_note(client):
    html = client.get(reverse("web:login")).content.decode()

    assert 'data-testid="mfa-demo-note"' not in html


def test_in_the_demo_an_admin_without_a_second_factor_opens_every_page(client, admin, settings):
    settings.MFA_DEMO_BYPASS = True
    _sign_in(client, admin)

    assert client.get(reverse("web:dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200


# An administrator's reset


@ENFORCED
def test_the_reset_action_of_the_user_screen_removes_the_second_factor_and_signs_the_user_out(client, admin):
    from django.test import Client

    other = UserFactory(email="lost.phone@example.org", role_id="caseworker")
    other_device = totp_device(other)
    other_browser = Client()
    _sign_in(other_browser, other)
    other_browser.post(reverse("web:sign_in_code"), {"code": totp_code(other_device)})
    assert other_browser.get(reverse("web:dashboard")).status_code == 200
    admin_device = totp_device(admin)
    _sign_in(client, admin)
    client.post(reverse("web:sign_in_code"), {"code": totp_code(admin_device)})

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [str(other.pk)]},
        follow=True,
    )

    assert response.status_code == 200
    assert "was reset" in response.content.decode()
    assert not mfa.has_second_factor(other)
    event = AuditEvent.objects.get(verb="user.mfa_reset")
    assert (event.actor_id, event.target_id) == (admin.pk, str(other.pk))
    signed_out = other_browser.get(reverse("web:dashboard"))
    assert signed_out["Location"].startswith(reverse("web:login"))
    assert not _signed_in(other_browser)


def test_django_otps_own_device_screens_are_not_in_the_admin(client_as, admin):
    client = client_as(admin)

    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


# The session follows token_version, so a reset needs no device lookup per request


def _signed_in_with_the_code(user):
    from django.test import Client

    device = totp_device(user)
    browser = Client()
    _sign_in(browser, user)
    browser.post(reverse("web:sign_in_code"), {"code": totp_code(device)})
    assert browser.get(reverse("web:dashboard")).status_code == 200
    return browser


def test_a_reset_of_the_second_factor_signs_every_web_session_of_the_user_out(caseworker):
    from django.test import Client

    first = _signed_in_with_the_code(caseworker)
    second = Client()
    _sign_in(second, caseworker)
    second.post(
        reverse("web:sign_in_code"), {"code": totp_code(caseworker.totpdevice_set.get(), steps_ahead=1)}
    )
    assert second.get(reverse("web:dashboard")).status_code == 200

    mfa.reset_second_factor(caseworker, actor=None)

    for browser in (first, second):
        page = browser.get(reverse("web:dashboard"))
        assert page.status_code == 302
        assert page["Location"].startswith(reverse("web:login"))
        assert not _signed_in(browser)


def test_whatever_revokes_the_api_tokens_signs_the_web_sessions_out_too(client_as, caseworker):
    from django.db.models import F

    from casework.accounts.models import User

    browser = client_as(caseworker)
    assert browser.get(reverse("web:dashboard")).status_code == 200

    User.objects.filter(pk=caseworker.pk).update(token_version=F("token_version") + 1)

    assert browser.get(reverse("web:dashboard")).status_code == 302
    assert not _signed_in(browser)


@ENFORCED
@pytest.mark.parametrize("role", ["admin", "caseworker"])
def test_a_page_signed_in_with_the_second_factor_looks_up_no_device(role, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory(email=f"{role}.pages@example.org", role_id=role, is_staff=role == "admin")
    browser = _signed_in_with_the_code(user)

    with CaptureQueriesContext(connection) as queries:
        page = browser.get(reverse("web:case_list"))

    assert page.status_code == 200
    device_queries = [q["sql"] for q in queries.captured_queries if "otp_" in q["sql"]]
    assert device_queries == []


# The account menu's link


def _menu_link(html: str) -> str:
    found = re.search(
        r'<a href="/account/second-factor/" data-testid="second-factor-link"[^>]*>([^<]*)</a>', html
    )
    assert found, "no second-factor link in the account menu"
    return found.group(1)


def test_every_signed_in_user_has_the_second_factor_link_in_the_account_menu(client_as, db):
    from casework.accounts.models import Role

    for role in Role.objects.order_by("pk").values_list("pk", flat=True):
        user = UserFactory(email=f"menu.{role}@example.org", role_id=role)
        page = client_as(user).get(reverse("web:second_factor"))
        assert _menu_link(page.content.decode()) == "Second factor: off", role


def test_the_link_says_whether_the_second_factor_is_on(caseworker):
    browser = _signed_in_with_the_code(caseworker)

    assert _menu_link(browser.get(reverse("web:dashboard")).content.decode()) == "Second factor: on"


@pytest.mark.parametrize(("language", "text"), [("da", "Anden faktor: fra"), ("he", "גורם שני: כבוי")])
def test_the_link_is_translated(client_as, caseworker, language, text):
    browser = client_as(caseworker)
    browser.post(reverse("set_language"), {"language": language, "next": "/"})

    assert _menu_link(browser.get(reverse("web:dashboard")).content.decode()) == text


def test_signed_out_pages_have_no_second_factor_link(client):
    assert 'data-testid="second-factor-link"' not in client.get(reverse("web:login")).content.decode()
