"""The second factor's settings as production computes them: the demo bypass exists only in debug mode, and the
roles that must use a second factor come from CASEWORK_MFA_REQUIRED_ROLES (admins by default).

Read from a fresh interpreter (settings are computed at import; the test process runs with debug on)."""

import json
import os
import subprocess
import sys

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'bypass': s.MFA_DEMO_BYPASS, 'roles': sorted(s.MFA_REQUIRED_ROLES)}))"
)
PRODUCTION = {"CASEWORK_SECRET_KEY": "a-production-secret-key-of-more-than-32-characters"}


def _settings_with(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_") or k == "CASEWORK_VAR_DIR"}
    clean["DJANGO_SETTINGS_MODULE"] = "casework.config.settings"
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_never_skips_the_second_factor_even_when_asked_to():
    assert _settings_with(**PRODUCTION)["bypass"] is False
    assert _settings_with(**PRODUCTION, CASEWORK_MFA_DEMO_BYPASS="1")["bypass"] is False


def test_the_demo_in_debug_mode_skips_the_set_up_unless_told_not_to():
    assert _settings_with(CASEWORK_DEBUG="1")["bypass"] is True
    assert _settings_with(CASEWORK_DEBUG="1", CASEWORK_MFA_DEMO_BYPASS="0")["bypass"] is False


def test_admins_must_use_a_second_factor_by_default_and_the_roles_are_configurable():
    assert _settings_with(**PRODUCTION)["roles"] == ["admin"]
    assert _settings_with(**PRODUCTION, CASEWORK_MFA_REQUIRED_ROLES="admin, manager")["roles"] == [
        "admin",
        "manager",
    ]
    assert _settings_with(**PRODUCTION, CASEWORK_MFA_REQUIRED_ROLES="")["roles"] == []
