from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citysite.access import RuleMenuItem


@hooks.register("register_admin_menu_item")
def register_secretariat_menu_item():
    return RuleMenuItem(
        _("Migrant council"),
        reverse("council_secretariat:home"),
        name="council-secretariat",
        icon_name="group",
        order=355,
        rule="migrant_council.run_council",
    )
