from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .rules import may_handle_cases


class CasesMenuItem(MenuItem):
    """Only the Ombudsperson group sees the way to the cases; everyone else, superusers included, does
    not (and would be refused)."""

    def is_shown(self, request):
        return may_handle_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(
        _("Ombudsperson cases"),
        reverse("ombudsperson_handling:inbox"),
        name="ombudsperson-cases",
        icon_name="lock",
        order=360,
    )
