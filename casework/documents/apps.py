from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "casework.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from casework.cases.querysets import count_per_case, register_viewer_count
        from casework.documents import handlers  # noqa: F401  (subscribes the handlers to domain events)
        from casework.documents.models import CaseDocument

        # A case's documents_count: the latest versions its reader may see, as the document list shows them.
        register_viewer_count(
            "documents_count",
            lambda viewer: count_per_case(CaseDocument.objects.visible_to(viewer).latest_versions()),
        )
