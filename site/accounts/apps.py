from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "citysite.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .protected_groups import connect_signals

        connect_signals()
