from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "casework.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from casework.accounts import handlers  # noqa: F401  (records sign-ins in the audit trail)
