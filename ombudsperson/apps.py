from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudspersonConfig(AppConfig):
    name = "ombudsperson"
    verbose_name = _("Migrants' ombudsperson")
