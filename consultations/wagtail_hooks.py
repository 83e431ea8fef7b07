from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citysite.access import RuleMenuItem

from .admin import urls as admin_urls
from .admin.export import EXPORT_PERSONAL_DATA_ACTION


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [path("consultations/", include((admin_urls, "consultations_admin")))]


@hooks.register("register_admin_menu_item")
def analysis_menu_item():
    return RuleMenuItem(
        _("Consultation analysis"),
        reverse("consultations_admin:index"),
        name="consultation-analysis",
        icon_name="table",
        order=350,
        rule="consultations.view_answers",
    )


@hooks.register("register_admin_menu_item")
def participation_codes_menu_item():
    return RuleMenuItem(
        _("Participation codes"),
        reverse("consultations_admin:code_batches"),
        name="participation-codes",
        icon_name="key",
        order=360,
        rule="consultations.manage_participation_codes",
    )


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    actions.register_action(
        EXPORT_PERSONAL_DATA_ACTION,
        _("Export answers with personal data"),
        _("Exported the answers with personal data (e-mail addresses, account numbers)"),
    )
