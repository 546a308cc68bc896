from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "casework.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from casework.audit import services
        from casework.ops import scheduler

        scheduler.register_job(
            "purge_read_audit",
            lambda today: services.purge_reads(),
            summary="the retention clean-up of the personal-data read audit",
        )
