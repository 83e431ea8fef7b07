from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from citysite.participation.registry import register_comment_target

        from . import signals  # noqa: F401
        from .comment_places import locate_draft_sections
        from .models import DraftSection

        register_comment_target(DraftSection, locate_draft_sections)
