from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .rules import may


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return may("run_council", request.user)


@hooks.register("register_admin_menu_item")
def register_secretariat_menu_item():
    return SecretariatMenuItem(
        _("Migrant council"),
        reverse("council_secretariat:home"),
        name="council-secretariat",
        icon_name="group",
        order=355,
    )
