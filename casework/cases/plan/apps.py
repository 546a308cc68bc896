from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """The case plan as an installed app, so that Django imports its models (which keep the `cases` app label,
    their tables and their migrations) and its admin without `casework.cases` importing the plan."""

    name = "casework.cases.plan"
    label = "cases_plan"
    verbose_name = _("Case plan")
