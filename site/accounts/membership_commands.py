"""What the appoint_* and dismiss_* management commands of the protected groups share (protected_groups.py):
accounts named by verified e-mail address, the author and the reason required, refusals as command errors."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from .protected_groups import account_with_email


class MembershipChangeCommand(BaseCommand):
    """Subclasses set `change` (a service's appoint or dismiss, wrapped in staticmethod) and `done`."""

    change = None
    done = ""

    def add_arguments(self, parser):
        parser.add_argument("email", help="Verified e-mail address of the account to change.")
        parser.add_argument(
            "--by", required=True, help="Verified e-mail address of the person making the change (audited)."
        )
        parser.add_argument("--reason", required=True, help="Why: written to the audit log.")

    def handle(self, *args, email, by, reason, **options):
        try:
            member = account_with_email(email)
            actor = account_with_email(by)
            self.change(member, by=actor, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.done.format(email=member.email))
