from django.core.management.base import BaseCommand

from consultations.notifications import enqueue_due_notices


class Command(BaseCommand):
    help = (
        "Enqueues the due e-mails to followers of consultations (opened, closing within a week, report "
        "published). Run it on a schedule, e.g. every 15 minutes; each notice goes out once."
    )

    def handle(self, *args, **options):
        enqueued = enqueue_due_notices()
        if options["verbosity"] >= 1:
            for key, kind in enqueued:
                self.stdout.write(f"enqueued: {kind} {key}")
            self.stdout.write(f"{len(enqueued)} notice(s) enqueued.")
