from django.core.management.base import BaseCommand

from citysite.mailqueue import delivery


class Command(BaseCommand):
    help = (
        "Sends again e-mails whose worker died while sending them (after EMAIL_SENDING_TIMEOUT), gives "
        "queued e-mails that lost their task a new one, and deletes delivered and given-up e-mails after "
        "EMAIL_RECORD_RETENTION_DAYS. Run it every few minutes (systemd timer otwartemiasto-retry-emails)."
    )

    def handle(self, *args, **options):
        counts = delivery.sweep()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"sent again: {counts['requeued']}, given a new task: {counts['resumed']}, "
                f"deleted: {counts['deleted']}"
            )
