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


def test_metrics_demand_the_token_when_one_is_configured(db, settings):
    settings.METRICS_TOKEN = "scrape-secret"

    assert Client().get("/metrics").status_code == 401
    assert "casework_task_queue_depth" in _metrics(Authorization="Bearer scrape-secret")
