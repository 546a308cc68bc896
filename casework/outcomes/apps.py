from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "casework.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        # Subscribes the handlers to domain events (tags sent with a new note).
        from casework.outcomes import handlers  # noqa: F401
