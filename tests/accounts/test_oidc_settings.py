"""Single sign-on's settings, read by `casework check` in a fresh interpreter (settings are computed at import):
a configured issuer needs its client, a role map must be pairs, and nothing configured means no single sign-on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_") or k == "CASEWORK_VAR_DIR"}
    clean.update(CASEWORK_DEBUG="1", PYTHONPATH=str(ROOT), **env)
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "casework", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "missing", ["CASEWORK_OIDC_CLIENT_ID", "CASEWORK_OIDC_CLIENT_SECRET"], ids=["client-id", "client-secret"]
)
def test_an_issuer_without_its_client_fails_the_check_naming_what_is_missing(missing):
    env = {
        "CASEWORK_OIDC_ISSUER": "https://login.example.org/realms/staff",
        "CASEWORK_OIDC_CLIENT_ID": "casework",
        "CASEWORK_OIDC_CLIENT_SECRET": "secret",
    }
    del env[missing]
    result = _check(**env)
    assert result.returncode != 0
    assert "CASEWORK_OIDC_CLIENT_ID and CASEWORK_OIDC_CLIENT_SECRET must be set" in result.stderr


def test_a_role_map_that_is_not_pairs_fails_the_check():
    result = _check(CASEWORK_OIDC_ROLE_MAP="admins=admin,staff")
    assert result.returncode != 0
    assert "CASEWORK_OIDC_ROLE_MAP: 'staff' is not 'provider value=role code'" in result.stderr


def test_a_complete_configuration_passes_the_check():
    result = _check(
        CASEWORK_OIDC_ISSUER="https://login.example.org/realms/staff",
        CASEWORK_OIDC_CLIENT_ID="casework",
        CASEWORK_OIDC_CLIENT_SECRET="secret",
        CASEWORK_OIDC_ROLE_MAP="casework-admins=admin,staff=caseworker",
    )
    assert result.returncode == 0, result.stderr
