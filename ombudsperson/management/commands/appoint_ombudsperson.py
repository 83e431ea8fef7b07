from citysite.accounts.membership_commands import MembershipChangeCommand
from ombudsperson import appointments


class Command(MembershipChangeCommand):
    help = (
        "Appoints the account with this verified e-mail address to the Ombudsperson group. The change is "
        "written to the case audit log and e-mailed to every ombudsperson; the appointee reads cases once "
        "two-factor authentication is set up. Administrator accounts are refused."
    )
    change = staticmethod(appointments.appoint)
    done = "{email} is now an ombudsperson."
