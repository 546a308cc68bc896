"""Point-in-time recovery is run, not just documented: scripts/pitr-drill on a small database.

It starts its own throwaway PostgreSQL cluster (never the test server), so it needs the server binaries; it runs in
the PostgreSQL pass of scripts/test only, once per suite run.
"""

import glob
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import postgres_only

PROJECT_DIR = Path(__file__).resolve().parents[2]
HAS_SERVER_BINARIES = bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


@postgres_only
@pytest.mark.skipif(not HAS_SERVER_BINARIES, reason="needs the PostgreSQL server binaries (initdb, pg_ctl)")
def test_a_database_restored_to_a_point_in_time_has_the_rows_of_that_moment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}

    done = subprocess.run(
        ["scripts/pitr-drill", "--cases", "100"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "PITR drill passed" in done.stdout
    restored = next(line for line in done.stdout.splitlines() if "restored:" in line)
    expected = next(line for line in done.stdout.splitlines() if "expected:" in line)
    assert restored.split("restored:")[1] == expected.split("expected:")[1]
    assert "cases=0 " not in restored
