from citysite.accounts.membership_commands import MembershipChangeCommand
from migrant_council.services import secretariat_appointments


class Command(MembershipChangeCommand):
    help = (
        "Appoints the account with this verified e-mail address to the Council secretariat, which runs the "
        "council and reads its drafts. Written to the account's history; administrator accounts are refused."
    )
    change = staticmethod(secretariat_appointments.appoint)
    done = "{email} is now in the council secretariat."
