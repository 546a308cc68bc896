from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "casework.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from casework.notifications import (
            handlers,  # noqa: F401 - importing it subscribes the handlers to domain events
            scheduled,
            tasks,
        )
        from casework.ops import scheduler

        # The notification jobs of `casework run_scheduled`, after the scheduler's own `recover`.

        scheduler.register_recovery(
            "deliveries_requeued", tasks.requeue_stale_deliveries, summary="overdue deliveries"
        )
        scheduler.register_job(
            "reminders",
            lambda today: scheduled.send_due_date_reminders(today=today),
            summary="due-date reminders to assignees",
        )
        scheduler.register_job(
            "summary",
            lambda today: scheduled.send_weekly_summaries(today=today),
            summary="the weekly summary to managers",
        )
        scheduler.register_job(
            "cleanup",
            lambda today: scheduled.clean_up_notifications(),
            summary="the retention clean-up of read notifications",
        )
