from django.conf import settings
from django.core.management.base import BaseCommand

from ombudsperson.retention import purge_closed_cases


class Command(BaseCommand):
    help = (
        "Deletes closed cases (with their entries and attachments) closed longer ago than "
        "OMBUDSPERSON_RETENTION_DAYS. Meant for a daily schedule."
    )

    def handle(self, *args, **options):
        deleted = purge_closed_cases()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {deleted} closed case(s) older than {settings.OMBUDSPERSON_RETENTION_DAYS} days."
            )
