"""Records the result of every council vote whose window has closed. Meant for a schedule (e.g. every
few minutes); a result is also recorded when a closed vote is next looked at, and never twice."""

from django.core.management.base import BaseCommand

from migrant_council.services.voting import record_due_results


class Command(BaseCommand):
    help = "Records the results of council votes whose window has closed (safe to run at any time)."

    def handle(self, *args, **options):
        counted = record_due_results()
        if options["verbosity"]:
            self.stdout.write(f"Council votes counted: {counted}")
