from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casework.audit"
    label = "audit"

    def ready(self) -> None:
        from casework.audit import services
        from casework.ops import scheduler

        scheduler.register_job(
            "purge_read_audit",
            lambda today: services.purge_reads(),
            summary="the retention clean-up of the personal-data read audit",
        )
