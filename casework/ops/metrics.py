"""Prometheus metrics (prometheus-client): request latency by route, task queue depth, task failures.

Latency is measured in each server process. With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR to an
empty directory shared by them (prometheus-client's multiprocess mode) so /metrics adds up every worker.
Queue depth and failures are read from the task backend at scrape time, so they hold for every process.
"""

import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import REGISTRY, CounterMetricFamily, GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "casework_http_request_duration_seconds",
    "Time to answer an HTTP request, by method, URL route and status code",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_LATENCY.labels(method=method, route=route, status=str(status)).observe(seconds)


class TaskQueueCollector(Collector):
    """Queue depth and failed tasks, read from the configured task backend when /metrics is scraped."""

    def describe(self) -> Iterator[Metric]:
        # Names only: without describe() the registry would call collect(), and query the database, at import.
        yield GaugeMetricFamily("casework_task_queue_depth", "", labels=["queue"])
        yield CounterMetricFamily("casework_task_failures", "", labels=["task"])
        yield GaugeMetricFamily("casework_notification_deliveries", "", labels=["channel", "status"])

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily(
            "casework_task_queue_depth", "Tasks waiting to run (due now), by queue", labels=["queue"]
        )
        failures = CounterMetricFamily(
            "casework_task_failures",
            "Tasks that ended with an error (kept task results), by task",
            labels=["task"],
        )
        deliveries = GaugeMetricFamily(
            "casework_notification_deliveries",
            "Notification deliveries (e-mail, webhook) by channel and status",
            labels=["channel", "status"],
        )
        try:
            if settings.TASKS_BACKEND == "rq":
                self._collect_rq(depth, failures)
            else:
                self._collect_db(depth, failures)
            self._collect_deliveries(deliveries)
        except Exception:  # a scrape must answer even when a backend is down; readyz reports that
            logger.exception("could not read the task queue for /metrics")
        yield depth
        yield failures
        yield deliveries

    @staticmethod
    def _collect_db(depth: GaugeMetricFamily, failures: CounterMetricFamily) -> None:
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready().values("queue_name").annotate(n=Count("id")).order_by()
        for row in ready:
            depth.add_metric([row["queue_name"]], row["n"])
        failed = DBTaskResult.objects.failed().values("task_path").annotate(n=Count("id")).order_by()
        for row in failed:
            failures.add_metric([row["task_path"]], row["n"])

    @staticmethod
    def _collect_rq(depth: GaugeMetricFamily, failures: CounterMetricFamily) -> None:
        import django_rq
        from rq.registry import FailedJobRegistry

        for name in settings.RQ_QUEUES:
            queue = django_rq.get_queue(name)
            depth.add_metric([name], queue.count)
            failures.add_metric([f"queue:{name}"], FailedJobRegistry(queue=queue).count)

    @staticmethod
    def _collect_deliveries(deliveries: GaugeMetricFamily) -> None:
        from django.apps import apps
        from django.db.models import Count

        if not apps.is_installed("casework.notifications"):
            return
        delivery = apps.get_model("notifications", "Delivery")
        for row in delivery.objects.values("channel", "status").annotate(n=Count("id")).order_by():
            deliveries.add_metric([row["channel"], row["status"]], row["n"])


_queue_collector = TaskQueueCollector()
REGISTRY.register(_queue_collector)


def _exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_queue_collector)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in allowed)


def _from_allowed_address(request: HttpRequest) -> bool:
    """The scraper connects from an allowed address itself. A request relayed by a proxy (it carries
    X-Forwarded-For or Forwarded) is never let in by address: behind a reverse proxy on the same machine every
    visitor would come from 127.0.0.1."""
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in _networks(tuple(settings.METRICS_ALLOW_FROM)))


def _has_token(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(sent.encode(), token.encode())


def metrics_view(request: HttpRequest) -> HttpResponse:
    """/metrics in the Prometheus text format, for a scraper that sends `Authorization: Bearer
    <CASEWORK_METRICS_TOKEN>` or connects from an address in CASEWORK_METRICS_ALLOW_FROM (default: this machine's
    loopback addresses); 401 for anyone else."""
    if not (_has_token(request) or _from_allowed_address(request)):
        return HttpResponse(
            "metrics need the token (CASEWORK_METRICS_TOKEN) or an allowed address (CASEWORK_METRICS_ALLOW_FROM)\n",
            status=401,
            content_type="text/plain",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return HttpResponse(_exposition(), content_type=CONTENT_TYPE_LATEST)
