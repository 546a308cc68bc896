"""With a service it needs down, the API still answers JSON: 503 naming the service, never an HTML 500
(issue 15: with Redis unreachable, POST /api/auth/login answered a bare HTML 500)."""

import logging

from django.test import Client, override_settings

from tests.ops.support import free_port


def test_sign_in_with_redis_unreachable_answers_json_503(db, caplog):
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": closed}}
    caplog.set_level(logging.ERROR, logger="casework.api")

    with override_settings(REDIS_URL=closed, CACHES=redis_cache):
        response = Client(raise_request_exception=False).post(
            "/api/auth/login",
            {"email": "someone@example.org", "password": "whatever-it-is"},
            content_type="application/json",
            headers={"Accept-Language": "da"},
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["code"] == "service_unavailable"
    assert body["dependency"] == "redis"
    assert "kan ikke nås" in body["message"]
    assert "ConnectionError" in caplog.text, "the failure is logged with its cause"
