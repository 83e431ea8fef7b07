from citysite.accounts.membership_commands import MembershipChangeCommand
from ombudsperson import appointments


class Command(MembershipChangeCommand):
    help = (
        "Dismisses the account with this verified e-mail address from the Ombudsperson group: its access to "
        "cases ends with its next request. The change is written to the case audit log and e-mailed to every "
        "ombudsperson, the dismissed one included."
    )
    change = staticmethod(appointments.dismiss)
    done = "{email} is no longer an ombudsperson."
