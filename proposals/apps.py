from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from citysite.participation.registry import register_comment_target

        from .comment_places import locate_proposals
        from .models import Proposal

        register_comment_target(Proposal, locate_proposals)
