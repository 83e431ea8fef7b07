from citysite.accounts.membership_commands import MembershipChangeCommand
from migrant_council.services import secretariat_appointments


class Command(MembershipChangeCommand):
    help = (
        "Dismisses the account with this verified e-mail address from the Council secretariat: its access to "
        "the council's drafts ends with its next request. Written to the account's history."
    )
    change = staticmethod(secretariat_appointments.dismiss)
    done = "{email} is no longer in the council secretariat."
