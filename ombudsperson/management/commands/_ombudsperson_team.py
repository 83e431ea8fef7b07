"""What appoint_ombudsperson and dismiss_ombudsperson share: the arguments and the error handling."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ombudsperson import appointments


class TeamChangeCommand(BaseCommand):
    change = None  # appointments.appoint or appointments.dismiss
    done = ""

    def add_arguments(self, parser):
        parser.add_argument("email", help="Verified e-mail address of the account to change.")
        parser.add_argument(
            "--by", required=True, help="Verified e-mail address of the person making the change (audited)."
        )
        parser.add_argument(
            "--reason", required=True, help="Why: goes to the audit log and to every ombudsperson."
        )

    def handle(self, *args, email, by, reason, **options):
        try:
            member = appointments.account_with_email(email)
            actor = appointments.account_with_email(by)
            self.change(member, by=actor, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.done.format(email=member.email))
