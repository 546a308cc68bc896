"""Liveness and readiness probes for the load balancer and the orchestrator.

/healthz answers as long as the process serves requests; /readyz also checks every dependency a request may need
(each database, the cache, the document storage) and answers 503 naming the ones that fail.
"""

import logging
import uuid
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connections
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def check_database(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_database_alias(alias: str) -> None:
    # Looked up at call time, so a test can replace check_database.
    check_database(alias)


def check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return the value just written")
    cache.delete(key)


def check_storage() -> None:
    # exists() is one cheap call on every backend: a stat on local disk, a HEAD request on S3.
    storages["default"].exists("readyz-probe")


def dependency_checks() -> dict[str, Callable[[], None]]:
    checks: dict[str, Callable[[], None]] = {}
    for alias in settings.DATABASES:
        checks["database" if alias == "default" else f"database:{alias}"] = partial(
            check_database_alias, alias
        )
    checks["cache"] = check_cache
    checks["storage"] = check_storage
    return checks


def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    failing: list[str] = []
    for name, check in dependency_checks().items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure of a dependency makes the instance not ready
            logger.warning("readiness check %s failed: %s", name, error)
            results[name] = f"error: {type(error).__name__}"
            failing.append(name)
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing, "checks": results}, status=503)
    return JsonResponse({"status": "ok", "checks": results})
