"""Security headers (CSP without inline scripts, nosniff, no framing, HSTS over TLS), secure cookies and CSRF
for the web UI, and debug off by default with the production refusal of the development secret key.

Production values are read from a fresh interpreter with CASEWORK_DEBUG off (settings are computed at import;
the test process itself runs with the development defaults)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

import casework

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', "
    "'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS']}))"
)


def _settings_with(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_") or k == "CASEWORK_VAR_DIR"}
    clean["DJANGO_SETTINGS_MODULE"] = "casework.config.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, timeout=60, check=False
    )


PRODUCTION = {"CASEWORK_SECRET_KEY": "a-production-secret-key-of-more-than-32-characters"}


def test_debug_is_off_by_default():
    result = _settings_with(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DEBUG"] is False


def test_without_debug_the_development_secret_key_is_refused():
    result = _settings_with()

    assert result.returncode != 0
    assert "CASEWORK_SECRET_KEY must be set" in result.stderr


def test_production_cookies_are_secure_and_http_only_and_hsts_is_on():
    values = json.loads(_settings_with(**PRODUCTION).stdout)

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_the_proxy_ssl_header_is_trusted_only_when_configured():
    values = json.loads(_settings_with(**PRODUCTION, CASEWORK_SECURE_PROXY_SSL_HEADER="1").stdout)

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_make_run_and_the_test_script_turn_debug_on_explicitly():
    root = Path(casework.__file__).resolve().parent.parent
    assert "CASEWORK_DEBUG ?= 1" in (root / "Makefile").read_text()
    assert "export CASEWORK_DEBUG=1" in (root / "scripts" / "test").read_text()


@pytest.mark.parametrize("path", ["/signin/", "/api/auth/me", "/healthz"])
def test_every_response_carries_the_security_headers(db, path):
    response = Client().get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in policy


@override_settings(SECURE_HSTS_SECONDS=31_536_000)
def test_hsts_is_sent_over_tls_only(db):
    assert "Strict-Transport-Security" in Client().get("/signin/", secure=True)
    assert "Strict-Transport-Security" not in Client().get("/signin/", secure=False)


def test_the_templates_hold_no_inline_script_or_event_handler():
    # CSP refuses inline scripts; a template that relied on one would break silently in the browser.
    templates = Path(casework.__file__).resolve().parent.rglob("templates/**/*.html")
    offenders = []
    for template in templates:
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(str(template))
    assert not offenders


def test_a_web_form_post_without_the_csrf_token_is_refused(db):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/signin/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
