"""/healthz says the process is up; /readyz says whether every dependency a request needs answers."""

import pytest
from django.db import OperationalError
from django.test import Client

from casework.ops import health


def test_healthz_answers_ok_without_touching_any_dependency(db):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_answers_ok_when_database_cache_and_storage_answer(db):
    response = Client().get("/readyz")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "ok"}


def test_readyz_answers_503_naming_the_database_when_it_is_unreachable(db, monkeypatch):
    def unreachable(alias: str) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "check_database", unreachable)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["failing"] == ["database"]
    assert response.json()["checks"]["database"] == "error: OperationalError"
    assert response.json()["checks"]["cache"] == "ok"


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_readyz_checks_the_replica_too_and_names_it_when_it_fails(db, settings):
    settings.DATABASES = {
        **settings.DATABASES,
        "replica": {**settings.DATABASES["default"], "ENGINE": "django.db.backends.postgresql",
                    "NAME": "casework_no_such_db", "HOST": "127.0.0.1", "PORT": "1",
                    "OPTIONS": {"connect_timeout": 1}},
    }  # fmt: skip
    from django.db import connections

    connections.settings = connections.configure_settings(settings.DATABASES)
    try:
        response = Client().get("/readyz")
    finally:
        if "replica" in connections:
            connections["replica"].close()
            del connections["replica"]
        settings.DATABASES = {k: v for k, v in settings.DATABASES.items() if k != "replica"}
        connections.settings = connections.configure_settings(settings.DATABASES)

    assert response.status_code == 503
    assert response.json()["failing"] == ["database:replica"]
    assert response.json()["checks"]["database"] == "ok"
