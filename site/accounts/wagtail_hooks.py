from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .protected_groups import JOINED_ACTION, LEFT_ACTION


class ProtectedGroupChangeFormatter(LogFormatter):
    message = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.message % {"group": data.get("group", ""), "reason": data.get("reason", "")}


@hooks.register("register_log_actions")
def register_protected_group_actions(actions):
    """The user's history in the admin names every change of a protected group, its author and reason."""

    @actions.register_action(JOINED_ACTION)
    class Joined(ProtectedGroupChangeFormatter):
        label = _("Join a protected group")
        message = _("Joined %(group)s. Reason: %(reason)s")

    @actions.register_action(LEFT_ACTION)
    class Left(ProtectedGroupChangeFormatter):
        label = _("Leave a protected group")
        message = _("Left %(group)s. Reason: %(reason)s")
