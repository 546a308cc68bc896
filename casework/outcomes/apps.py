from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "casework.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        from casework.core import derived
        from casework.outcomes import handlers  # noqa: F401  (subscribes to domain events: tags sent with a note)
        from casework.outcomes.models import InteractionOutcomeImpact
        from casework.outcomes.services import rebuild_report_columns

        derived.register(
            "report columns",
            rebuild=rebuild_report_columns,
            matches_recount=lambda: InteractionOutcomeImpact.objects.report_columns_match(),
        )
