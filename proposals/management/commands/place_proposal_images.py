from django.core.management.base import BaseCommand
from django.db import transaction

from proposals import images
from proposals.models import Proposal


class Command(BaseCommand):
    help = (
        "Puts every proposal's image where the proposal's status says: in private storage while the "
        "proposal waits for moderation, is hidden or withdrawn, at its public address otherwise. Run it "
        "once after upgrading to the version that keeps such images private; running it again changes "
        "nothing."
    )

    def handle(self, *args, **options):
        checked = 0
        for proposal in Proposal.objects.filter(image__isnull=False).select_related("image").iterator():
            # One transaction each: an image made public moves when its own transaction commits.
            with transaction.atomic():
                images.follow_status(proposal)
            checked += 1
        if options["verbosity"] >= 1:
            self.stdout.write(f"{checked} proposal image(s) checked.")
