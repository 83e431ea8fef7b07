from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from citysite.access import RuleMenuItem

from . import services
from .admin import urls as admin_urls


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "comment-moderation/",
            include((admin_urls, "participation_admin"), namespace="participation_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return RuleMenuItem(
        _("Reports of abuse"),
        reverse("participation_admin:reports"),
        name="abuse-reports",
        icon_name="warning",
        order=350,
        rule="participation.moderate_comment",
    )


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    @actions.register_action(services.HIDE_ACTION)
    class HideComment(LogFormatter):
        label = _("Hide comment")

        def format_message(self, log_entry):
            return _("Comment hidden: %(reason)s") % {"reason": log_entry.data.get("reason", "")}

    @actions.register_action(services.RESTORE_ACTION)
    class RestoreComment(LogFormatter):
        label = _("Restore comment")

        def format_message(self, log_entry):
            return _("Comment restored (it had been hidden: %(reason)s)") % {
                "reason": log_entry.data.get("hidden_reason", "")
            }

    @actions.register_action(services.DISMISS_ACTION)
    class DismissReports(LogFormatter):
        label = _("Dismiss reports of abuse")

        def format_message(self, log_entry):
            return _("Reports of abuse dismissed: %(count)s") % {"count": log_entry.data.get("reports", 0)}
