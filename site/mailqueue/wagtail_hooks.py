from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citysite.access import RuleMenuItem

from .admin import urls as admin_urls


@hooks.register("register_admin_urls")
def register_failed_email_urls():
    return [
        path("undelivered-emails/", include((admin_urls, "mailqueue_admin"), namespace="mailqueue_admin"))
    ]


@hooks.register("register_reports_menu_item")
def register_failed_email_menu_item():
    return RuleMenuItem(
        _("Undelivered e-mails"),
        reverse("mailqueue_admin:failed"),
        name="undelivered-emails",
        icon_name="mail",
        order=900,
        rule="mailqueue.handle_failed_emails",
    )
