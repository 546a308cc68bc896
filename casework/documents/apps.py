from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "casework.documents"
    label = "documents"

    def ready(self) -> None:
        # Subscribes the handlers to domain events.
        from casework.documents import handlers  # noqa: F401
