from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantCouncilConfig(AppConfig):
    name = "migrant_council"
    verbose_name = _("Migrant council")
