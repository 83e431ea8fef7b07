"""Signal receivers of the migrant council. `connect_signals()` is called once from the app's ready()."""

from allauth.account.signals import email_confirmed

DISPATCH_UID = "migrant_council.link_invitations_on_email_confirmed"


def link_invitations_on_email_confirmed(sender, request=None, email_address=None, **kwargs):
    """An invited person confirmed the invited address (after signing up, or in their account's e-mail
    settings): their seat on the council is linked to their account."""
    from .services.membership import link_invitations

    if email_address is not None:
        link_invitations(email_address)


def connect_signals() -> None:
    email_confirmed.connect(link_invitations_on_email_confirmed, dispatch_uid=DISPATCH_UID)


def disconnect_signals() -> None:
    email_confirmed.disconnect(dispatch_uid=DISPATCH_UID)
