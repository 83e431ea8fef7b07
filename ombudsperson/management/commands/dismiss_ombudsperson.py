from ombudsperson import appointments

from ._ombudsperson_team import TeamChangeCommand


class Command(TeamChangeCommand):
    help = (
        "Dismisses the account with this verified e-mail address from the Ombudsperson group: its access to "
        "cases ends with its next request. The change is written to the case audit log and e-mailed to every "
        "ombudsperson, the dismissed one included."
    )
    change = staticmethod(appointments.dismiss)
    done = "{email} is no longer an ombudsperson."
