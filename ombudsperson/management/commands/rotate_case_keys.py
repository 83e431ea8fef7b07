from django.core.management.base import BaseCommand
from django.db import transaction

from ombudsperson.retention import rotate_all_keys


class Command(BaseCommand):
    help = (
        "Re-encrypts every case, entry and attachment with the newest key of OMBUDSPERSON_ENCRYPTION_KEYS. "
        "Run after putting a new key first; then the old key may be removed."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = rotate_all_keys()
        self.stdout.write(
            "Re-encrypted {cases} cases, {entries} entries, {attachments} attachments.".format(**counts)
        )
