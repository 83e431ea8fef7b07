"""Who runs the council: appointing and dismissing members of the "Council secretariat" group, which
opens every council draft. The only way into or out of the group (citysite.accounts.protected_groups
refuses the Wagtail user editor and every other); each change goes to the account's history in the
Wagtail admin with who made it and why. Run with `manage.py appoint_council_secretariat` and
`manage.py dismiss_council_secretariat`. See docs/decisions/protected-groups.md."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from citysite.accounts.protected_groups import (
    COUNCIL_SECRETARIAT,
    changing_membership,
    checked_reason,
    log_membership_change,
)

SUPERUSER_REFUSED = _(
    "An administrator account cannot join the secretariat: the secretariat uses an account without "
    "administrator rights."
)
INACTIVE_APPOINTEE = _("This account is not active.")
ALREADY_APPOINTED = _("This account is already in the council secretariat.")
NOT_APPOINTED = _("This account is not in the council secretariat.")


@transaction.atomic
def appoint(user, *, by, reason: str) -> None:
    reason = checked_reason(user, by, reason)
    if user.is_superuser:
        raise ValidationError(SUPERUSER_REFUSED, code="superuser")
    if not user.is_active:
        raise ValidationError(INACTIVE_APPOINTEE, code="inactive")
    group = Group.objects.get(name=COUNCIL_SECRETARIAT)
    if user.groups.filter(pk=group.pk).exists():
        raise ValidationError(ALREADY_APPOINTED, code="already_appointed")
    with changing_membership(COUNCIL_SECRETARIAT):
        user.groups.add(group)
    log_membership_change(user, COUNCIL_SECRETARIAT, joined=True, by=by, reason=reason)


@transaction.atomic
def dismiss(user, *, by, reason: str) -> None:
    reason = checked_reason(user, by, reason)
    group = Group.objects.get(name=COUNCIL_SECRETARIAT)
    if not user.groups.filter(pk=group.pk).exists():
        raise ValidationError(NOT_APPOINTED, code="not_appointed")
    with changing_membership(COUNCIL_SECRETARIAT):
        user.groups.remove(group)
    log_membership_change(user, COUNCIL_SECRETARIAT, joined=False, by=by, reason=reason)
