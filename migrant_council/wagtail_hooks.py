from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin import views
from .admin.viewsets import council_secretariat_viewset


@hooks.register("register_admin_viewset")
def register_council_secretariat():
    return council_secretariat_viewset


@hooks.register("register_admin_menu_item")
def council_secretariat_menu_item():
    return council_secretariat_viewset.get_menu_item()


@hooks.register("register_log_actions")
def register_council_log_actions(actions):
    for action, label, message in [
        (views.INVITE_MEMBER, _("Invite a council member"), _("Invited to the council")),
        (views.CHANGE_SEAT, _("Change a council seat"), _("Seat on the council changed")),
        (views.REMOVE_MEMBER, _("Remove a council member"), _("Removed from the council")),
        (views.SCHEDULE_MEETING, _("Schedule a council meeting"), _("Council meeting scheduled")),
        (views.CHANGE_MEETING, _("Change a council meeting"), _("Council meeting or agenda changed")),
        (views.RECORD_ATTENDANCE, _("Record attendance"), _("Attendance at the meeting recorded")),
        (views.WRITE_MINUTES, _("Write minutes"), _("Minutes of the meeting written")),
        (views.PUBLISH_AGENDA, _("Publish an agenda"), _("Agenda published on the council page")),
        (views.WITHDRAW_AGENDA, _("Withdraw an agenda"), _("Agenda taken off the council page")),
        (views.PUBLISH_MINUTES, _("Publish minutes"), _("Minutes published on the council page")),
        (views.WITHDRAW_MINUTES, _("Withdraw minutes"), _("Minutes taken off the council page")),
        (views.PUBLISH_OPINION, _("Publish an opinion"), _("Adopted opinion published on the council page")),
        (views.CHANGE_VOTING_RULES, _("Change the voting rules"), _("Voting rules of the council changed")),
    ]:
        actions.register_action(action, label, message)
