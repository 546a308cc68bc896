"""/metrics exposes request latency by route, the task queue depth and task failures in Prometheus format."""

from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casework.notifications.tasks import deliver


def _metrics(**headers: str) -> str:
    response = Client().get("/metrics", headers=headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_metrics_show_request_latency_by_route(db):
    Client().get("/healthz")
    Client().get("/api/openapi.json")

    text = _metrics()

    assert (
        'casework_http_request_duration_seconds_bucket{le="0.005",method="GET",route="healthz",status="200"}'
        in text
    )
    assert 'route="api/openapi.json"' in text
    assert "casework_http_request_duration_seconds_count" in text


def test_metrics_show_the_queue_depth_and_task_failures(db):
    deliver.enqueue("00000000-0000-0000-0000-000000000001")
    deliver.enqueue("00000000-0000-0000-0000-000000000002")
    failed = deliver.enqueue("00000000-0000-0000-0000-000000000003")
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED", finished_at=timezone.now())

    text = _metrics()

    assert 'casework_task_queue_depth{queue="default"} 2.0' in text
    assert 'casework_task_failures_total{task="casework.notifications.tasks.deliver"} 1.0' in text


def test_metrics_are_refused_to_an_outside_address_by_default(db):
    response = Client(REMOTE_ADDR="203.0.113.9").get("/metrics")

    assert response.status_code == 401
    assert b"casework_" not in response.content


def test_metrics_answer_the_machines_own_scraper_by_default(db):
    assert Client(REMOTE_ADDR="::1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 200


def test_a_request_relayed_by_a_proxy_is_never_let_in_by_its_address(db):
    """Behind nginx on the same machine every visitor arrives from 127.0.0.1, with X-Forwarded-For."""
    relayed = Client(REMOTE_ADDR="127.0.0.1").get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})

    assert relayed.status_code == 401


def test_metrics_demand_the_token_from_anywhere_else(db, settings):
    settings.METRICS_TOKEN = "scrape-secret"
    outside = Client(REMOTE_ADDR="203.0.113.9")

    assert outside.get("/metrics").status_code == 401
    assert outside.get("/metrics", headers={"Authorization": "Bearer not-it"}).status_code == 401
    assert outside.get("/metrics", headers={"Authorization": "Bearer scrape-secret"}).status_code == 200
    assert "casework_task_queue_depth" in _metrics(Authorization="Bearer scrape-secret")


def test_an_empty_allow_list_leaves_the_token_only(db, settings):
    settings.METRICS_ALLOW_FROM = []

    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 401
    settings.METRICS_TOKEN = "scrape-secret"
    assert "casework_task_queue_depth" in _metrics(Authorization="Bearer scrape-secret")
