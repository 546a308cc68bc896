from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NaturecheckConfig(AppConfig):
    name = "casework.naturecheck"
    label = "naturecheck"
    verbose_name = _("Nature Check")
