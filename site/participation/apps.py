from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """What every participation module shares: the five integration dimensions, threaded comments with
    abuse reports and moderation, and spam protection for anonymous forms."""

    name = "citysite.participation"
    label = "participation"
    verbose_name = _("Participation")
