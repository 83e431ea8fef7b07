from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailQueueConfig(AppConfig):
    """Delivery records of outgoing e-mail: each message is sent at most once, retried with backoff
    while the mail server is away, and shown to staff when delivery gives up."""

    name = "citysite.mailqueue"
    label = "mailqueue"
    verbose_name = _("Outgoing e-mail")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system check
