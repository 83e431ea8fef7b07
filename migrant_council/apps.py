from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantCouncilConfig(AppConfig):
    name = "migrant_council"
    verbose_name = _("Migrant council")

    def ready(self):
        from citysite.participation.registry import register_comment_target

        from . import rules  # noqa: F401 - registers the council's rules
        from .comment_places import locate_draft_sections
        from .models import CouncilDraftSection
        from .signals import connect_signals

        # Comments on council drafts are for the council only: never public, never in the site-wide
        # moderation queue.
        register_comment_target(CouncilDraftSection, locate_draft_sections, members_only=True)
        # Seats of invited people are linked to their account once they confirm the invited address.
        connect_signals()
