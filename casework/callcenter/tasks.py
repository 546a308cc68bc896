"""Background work of the call center (Tasks framework)."""

from django_tasks import task

from casework.callcenter import services


@task()
def release_expired_locks() -> int:
    """Return records whose operator lock has expired to the queue; scheduled every few minutes."""
    return services.release_expired_locks()
