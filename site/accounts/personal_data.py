"""Everything the platform holds about a person, and what happens to it when they leave.

Each app that stores personal data registers an exporter (for the "my data" download) and, where it
keeps contributions, nothing more is needed: contributions point at the user row, which is anonymised
in place so they read "former participant"."""

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone

from .models import User
from .protected_groups import PROTECTED_GROUPS, changing_membership

Exporter = Callable[[User], Any]
_exporters: dict[str, Exporter] = {}


def register_exporter(section: str, exporter: Exporter) -> None:
    _exporters[section] = exporter


def export_personal_data(user: User) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        **{section: exporter(user) for section, exporter in sorted(_exporters.items())},
    }


def _account(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
    }


register_exporter("account", _account)


@transaction.atomic
def anonymise_account(user: User, request=None) -> None:
    """Delete the person's identity but keep their contributions, which then read "former
    participant". Changing the password hash ends every session of the account."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # A person may always leave, protected groups included (protected_groups.py).
    with changing_membership(*PROTECTED_GROUPS):
        user.groups.clear()
    user.user_permissions.clear()
    user.username = f"former-participant-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    if request is not None:
        logout(request)
