"""Settings for the test suite: the development defaults (CASEWORK_DEBUG=1 unless the environment says
otherwise), so `pytest` runs with no setup while the real settings default to debug off (issue 8).

The variable is set in the environment, not just here, so servers the tests start as subprocesses
(`casework serve`) inherit it.
"""

import os

os.environ.setdefault("CASEWORK_DEBUG", "1")

from casework.config.settings import *  # noqa: F403
