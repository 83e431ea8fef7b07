from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citysite.access import RuleMenuItem


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    # Only the Ombudsperson group sees the way to the cases; everyone else, superusers included, does
    # not (and would be refused).
    return RuleMenuItem(
        _("Ombudsperson cases"),
        reverse("ombudsperson_handling:inbox"),
        name="ombudsperson-cases",
        icon_name="lock",
        order=360,
        rule="ombudsperson.handle_cases",
    )
