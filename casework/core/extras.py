"""Optional parts of Casework: packages that only some deployments install, as pip extras (pyproject.toml).

`redis` (a shared cache and the RQ task backend), `s3` (documents on object storage) and `devdata` (the demo
and the benchmark data generator, which use Faker). A setting or command that needs one calls `require`, so a
missing extra stops it with the pip command to run instead of an ImportError deep in a traceback.
"""

import importlib

from django.core.exceptions import ImproperlyConfigured


def require(module: str, extra: str, needed_by: str) -> None:
    """Raise ImproperlyConfigured naming the extra when `module` cannot be imported."""
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"{needed_by} needs the '{extra}' extra of Casework: pip install 'casework[{extra}]'"
        ) from exc
