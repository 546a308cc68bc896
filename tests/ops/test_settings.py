"""The CASEWORK_* variables select shared infrastructure: Redis, the RQ task backend, S3, a read replica."""

import json
import os
import subprocess
import sys

from casework.cases.models import Case
from casework.ops import routing
from casework.ops.routing import ReplicaRouter, use_replica
from tests.ops.support import PROJECT_DIR

PROBE = """
import json
from casework.config import settings as s
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"], "cache_location": s.CACHES["default"].get("LOCATION"),
    "sessions": getattr(s, "SESSION_ENGINE", "django.contrib.sessions.backends.db"),
    "silenced": s.SILENCED_SYSTEM_CHECKS, "tasks": s.TASKS["default"]["BACKEND"],
    "rq_queues": getattr(s, "RQ_QUEUES", None), "apps": s.INSTALLED_APPS,
    "storage": s.STORAGES["default"], "databases": sorted(s.DATABASES),
    "replica_test": s.DATABASES.get("replica", {}).get("TEST"), "email": s.EMAIL_BACKEND,
}, default=str))
"""


def settings_with(**variables: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    env["CASEWORK_DEBUG"] = "1"  # debug is off by default (issue 8); these probe the development defaults
    env.update({f"CASEWORK_{k}": v for k, v in variables.items()})
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_without_configuration_everything_is_local_and_tasks_are_in_the_database():
    chosen = settings_with()

    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in chosen["apps"]
    assert chosen["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["databases"] == ["default"]
    assert chosen["email"] == "django.core.mail.backends.console.EmailBackend"


def test_a_redis_url_moves_cache_sessions_and_rate_limits_to_redis():
    chosen = settings_with(REDIS_URL="redis://cache.internal:6379/0")

    assert chosen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["cache_location"] == "redis://cache.internal:6379/0"
    assert chosen["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert chosen["silenced"] == [], "django-ratelimit's shared-cache checks apply again"


def test_tasks_rq_selects_the_rq_backend_on_the_same_redis():
    chosen = settings_with(REDIS_URL="redis://cache.internal:6379/1", TASKS="rq")

    assert chosen["tasks"] == "django_tasks_rq.RQBackend"
    assert chosen["rq_queues"]["default"]["URL"] == "redis://cache.internal:6379/1"
    assert {"django_rq", "django_tasks_rq"} <= set(chosen["apps"])


def test_tasks_rq_without_redis_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    env["CASEWORK_DEBUG"] = "1"
    env["CASEWORK_TASKS"] = "rq"
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )

    assert done.returncode != 0
    assert "CASEWORK_TASKS=rq needs CASEWORK_REDIS_URL" in done.stderr


def test_an_s3_bucket_stores_documents_in_object_storage():
    chosen = settings_with(
        S3_BUCKET="casework-documents",
        S3_ENDPOINT_URL="https://s3.example.internal",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
    )

    assert chosen["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["storage"]["OPTIONS"]["bucket_name"] == "casework-documents"
    assert chosen["storage"]["OPTIONS"]["endpoint_url"] == "https://s3.example.internal"


def test_a_replica_url_adds_a_replica_database_that_mirrors_the_test_database():
    chosen = settings_with(DATABASE_REPLICA_URL="postgresql://reader@replica.internal:5432/casework")

    assert chosen["databases"] == ["default", "replica"]
    assert chosen["replica_test"] == {"MIRROR": "default"}


def test_reads_inside_use_replica_go_to_the_replica_and_writes_never_do(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(routing, "replica_configured", lambda: True)

    assert router.db_for_read(Case) is None
    with use_replica():
        assert router.db_for_read(Case) == "replica"
        assert router.db_for_write(Case) == "default"
    assert router.db_for_read(Case) is None
    assert router.allow_migrate("replica", "cases") is False


def test_use_replica_reads_the_primary_when_no_replica_is_configured():
    with use_replica():
        assert ReplicaRouter().db_for_read(Case) is None


def refusal_without(module: str, **variables: str) -> str:
    """What starting Casework says when `module` (an optional extra's package) is not installed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    env["CASEWORK_DEBUG"] = "1"
    env.update({f"CASEWORK_{k}": v for k, v in variables.items()})
    blocked = f"import sys; sys.modules[{module!r}] = None\n"  # as if the package were not installed
    done = subprocess.run(
        [sys.executable, "-c", blocked + PROBE],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    return done.stderr.strip().splitlines()[-1]


def test_settings_that_need_an_extra_name_it_when_it_is_not_installed():
    assert "pip install 'casework[redis]'" in refusal_without(
        "redis", REDIS_URL="redis://cache.internal:6379/0"
    )
    assert "pip install 'casework[redis]'" in refusal_without(
        "django_tasks_rq", REDIS_URL="redis://cache.internal:6379/0", TASKS="rq"
    )
    assert "pip install 'casework[s3]'" in refusal_without("boto3", S3_BUCKET="casework-documents")
    assert "pip install 'casework[s3]'" in refusal_without("storages", S3_BUCKET="casework-documents")


def test_without_the_extras_casework_starts_on_its_defaults():
    # sys.modules[name] = None makes `import name` fail, as on a machine without the extras installed.
    blocked = "import sys\nfor name in ('redis', 'rq', 'django_tasks_rq', 'boto3', 'storages', 'faker'):\n"
    blocked += "    sys.modules[name] = None\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")} | {"CASEWORK_DEBUG": "1"}
    probe = blocked + "import django, os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'casework.config.settings'\n"
    probe += "django.setup()\nfrom django.core.management import call_command\ncall_command('check')\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
