from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevdataConfig(AppConfig):
    name = "casework.devdata"
    label = "devdata"
    verbose_name = _("Demo data")
