from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def sending_timeout_outlasts_the_mail_server(app_configs, **kwargs):
    """An e-mail still "sending" after EMAIL_SENDING_TIMEOUT is sent again, on the grounds that its worker
    died; a live worker can be waiting for the mail server up to EMAIL_TIMEOUT on each of the SMTP steps."""
    if settings.EMAIL_TIMEOUT and settings.EMAIL_SENDING_TIMEOUT < 5 * settings.EMAIL_TIMEOUT:
        return [
            checks.Warning(
                "EMAIL_SENDING_TIMEOUT is less than five times EMAIL_TIMEOUT: e-mails that are slow to send "
                "could be sent twice.",
                hint="Raise EMAIL_SENDING_TIMEOUT (default 900 s) or lower EMAIL_TIMEOUT (default 60 s).",
                id="mailqueue.W001",
            )
        ]
    return []
