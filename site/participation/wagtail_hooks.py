from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from citysite.access import RuleMenuItem

from . import admin_views, services


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("", admin_views.reports, name="reports"),
        path("hidden/", admin_views.hidden, name="hidden"),
        path("<int:pk>/hide/", admin_views.hide, name="hide"),
        path("<int:pk>/restore/", admin_views.restore, name="restore"),
        path("<int:pk>/dismiss/", admin_views.dismiss, name="dismiss"),
    ]
    return [
        path("comment-moderation/", include((urls, "participation_admin"), namespace="participation_admin"))
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
