"""The secretariat's screens as one Wagtail admin viewset, under /admin/council/ (URL names
"council_admin:…"), with one menu entry per screen shown only to the secretariat."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet

from citysite.access import RuleMenuItem

from . import views

RUN_COUNCIL = "migrant_council.run_council"

# (URL name, menu label, icon) of the screens the menu lists, in order.
MENU_SCREENS = [
    ("home", _("Overview"), "home"),
    ("members", _("Members"), "group"),
    ("meetings", _("Meetings"), "date"),
    ("opinions", _("Opinions to publish"), "doc-full"),
    ("voting_rules", _("Voting rules"), "cog"),
]


class CouncilSecretariatViewSet(ViewSet):
    name = "council_admin"
    url_prefix = "council"
    icon = "group"
    menu_label = _("Migrant council")

    def get_urlpatterns(self):
        return [
            path("", views.home, name="home"),
            path("members/", views.members, name="members"),
            path("members/invite/", views.invite, name="invite"),
            path("members/<int:pk>/", views.member_edit, name="member_edit"),
            path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
            path("meetings/", views.meetings, name="meetings"),
            path("meetings/new/", views.meeting_create, name="meeting_create"),
            path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
            path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
            path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
            path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
            path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
            path("opinions/", views.opinions, name="opinions"),
            path("opinions/<int:pk>/publish/", views.opinion_publish, name="opinion_publish"),
            path("voting-rules/", views.voting_rules, name="voting_rules"),
        ]

    def get_menu_item(self, order=None):
        menu = Menu(
            items=[
                RuleMenuItem(
                    label,
                    reverse(f"{self.name}:{name}"),
                    name=f"council-{name.replace('_', '-')}",
                    icon_name=icon,
                    order=position,
                    rule=RUN_COUNCIL,
                )
                for position, (name, label, icon) in enumerate(MENU_SCREENS)
            ]
        )
        return SubmenuMenuItem(
            self.menu_label, menu, name="council-secretariat", icon_name=self.icon, order=order or 355
        )


council_secretariat_viewset = CouncilSecretariatViewSet()
