"""The proposals part of the Wagtail admin: moderation tabs beside the comment queue, a listing for city
staff, the people who speak for each working group, and how the audit log describes proposal actions.
Menu items appear only to those who may use them."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.log_actions import LogFormatter

from citysite.access import RuleMenuItem
from citysite.participation.registry import register_moderation_tab

from . import services
from .admin import urls as admin_urls
from .admin.working_groups import WorkingGroupMemberViewSet
from .models import Status


@hooks.register("register_admin_urls")
def register_proposal_admin_urls():
    return [path("proposals/", include((admin_urls, "proposals_admin"), namespace="proposals_admin"))]


# The moderation screens are tabs beside "Reports of abuse" and "Hidden comments".
MODERATE = "proposals.moderate_proposal"
register_moderation_tab(
    "proposal_reports", _("Reported proposals"), "proposals_admin:reports", rule=MODERATE, order=30
)
register_moderation_tab(
    "proposal_hidden", _("Hidden proposals"), "proposals_admin:hidden", rule=MODERATE, order=40
)
register_moderation_tab(
    "proposal_waiting",
    _("Proposals waiting for moderation"),
    "proposals_admin:waiting",
    rule=MODERATE,
    order=50,
)


working_group_members = WorkingGroupMemberViewSet("working_group_members")


@hooks.register("register_admin_viewset")
def register_working_group_members():
    return working_group_members


# --- Menu: one "Proposals" submenu, each item shown to those who may use it ---------------------------


proposals_menu = Menu(register_hook_name="register_proposals_menu_item")


@hooks.register("register_proposals_menu_item")
def all_proposals_menu_item():
    return RuleMenuItem(
        _("All proposals"),
        reverse("proposals_admin:index"),
        name="all-proposals",
        icon_name="list-ul",
        order=100,
        rule="proposals.answer_proposal",
    )


@hooks.register("register_proposals_menu_item")
def proposal_moderation_menu_item():
    return RuleMenuItem(
        _("Proposal moderation"),
        reverse("proposals_admin:reports"),
        name="proposal-moderation",
        icon_name="warning",
        order=200,
        rule=MODERATE,
    )


@hooks.register("register_proposals_menu_item")
def working_group_members_menu_item():
    return working_group_members.get_menu_item(order=300)


@hooks.register("register_admin_menu_item")
def register_proposals_menu():
    return SubmenuMenuItem(_("Proposals"), proposals_menu, name="proposals", icon_name="list-ul", order=340)


# --- Audit log -------------------------------------------------------------------------------------------


def _status_label(value) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return str(value)


@hooks.register("register_log_actions")
def register_proposal_log_actions(actions):
    @actions.register_action(services.STATUS_ACTION)
    class ChangeStatus(LogFormatter):
        label = _("Change proposal status")

        def format_message(self, log_entry):
            return _("Proposal status changed from “%(old)s” to “%(new)s”") % {
                "old": _status_label(log_entry.data.get("from_status", "")),
                "new": _status_label(log_entry.data.get("to_status", "")),
            }

    @actions.register_action(services.HIDE_ACTION)
    class HideProposal(LogFormatter):
        label = _("Hide proposal")

        def format_message(self, log_entry):
            return _("Proposal hidden: %(reason)s") % {"reason": log_entry.data.get("reason", "")}

    @actions.register_action(services.RESTORE_ACTION)
    class RestoreProposal(LogFormatter):
        label = _("Restore proposal")

        def format_message(self, log_entry):
            return _("Proposal restored (it had been hidden: %(reason)s)") % {
                "reason": log_entry.data.get("hidden_reason", "")
            }

    @actions.register_action(services.DISMISS_ACTION)
    class DismissProposalReports(LogFormatter):
        label = _("Dismiss reports on a proposal")

        def format_message(self, log_entry):
            return _("Reports of abuse on the proposal dismissed: %(count)s") % {
                "count": log_entry.data.get("reports", 0)
            }

    @actions.register_action(services.PLACEMENT_ACTION)
    class OfficialPlacement(LogFormatter):
        label = _("Set official matrix placement")

        def format_message(self, log_entry):
            return _("Official placement set by %(body)s: impact %(impact)s, ease %(ease)s") % {
                "body": log_entry.data.get("placed_by", ""),
                "impact": log_entry.data.get("impact", ""),
                "ease": log_entry.data.get("ease", ""),
            }
