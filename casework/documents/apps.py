from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "casework.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # Subscribes the handlers to domain events.
        from casework.documents import handlers  # noqa: F401
