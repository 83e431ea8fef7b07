"""Who runs the council: appointing and dismissing members of the "Council secretariat" group, which
opens every council draft. The only way into or out of the group (citysite.accounts.protected_groups
refuses the Wagtail user editor and every other); each change goes to the account's history in the
Wagtail admin with who made it and why. Run with `manage.py appoint_council_secretariat` and
`manage.py dismiss_council_secretariat`. See docs/decisions/protected-groups.md."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from citysite.accounts.protected_groups import (
    COUNCIL_SECRETARIAT,
    appoint_member,
    dismiss_member,
    log_membership_change,
)

SUPERUSER_REFUSED = _(
    "An administrator account cannot join the secretariat: the secretariat uses an account without "
    "administrator rights."
)
ALREADY_APPOINTED = _("This account is already in the council secretariat.")
NOT_APPOINTED = _("This account is not in the council secretariat.")


@transaction.atomic
def appoint(user, *, by, reason: str) -> None:
    reason = appoint_member(
        user,
        COUNCIL_SECRETARIAT,
        by=by,
        reason=reason,
        superuser_refused=SUPERUSER_REFUSED,
        already_member=ALREADY_APPOINTED,
    )
    log_membership_change(user, COUNCIL_SECRETARIAT, joined=True, by=by, reason=reason)


@transaction.atomic
def dismiss(user, *, by, reason: str) -> None:
    reason = dismiss_member(user, COUNCIL_SECRETARIAT, by=by, reason=reason, not_member=NOT_APPOINTED)
    log_membership_change(user, COUNCIL_SECRETARIAT, joined=False, by=by, reason=reason)
