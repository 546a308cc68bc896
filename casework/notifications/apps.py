from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "casework.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Subscribes the handlers to domain events.
        from casework.notifications import handlers  # noqa: F401
