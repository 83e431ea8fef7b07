"""Who may read the cases: appointing and dismissing members of the Ombudsperson group. This is the only
way into or out of the group (citysite.accounts.protected_groups refuses every other), and each change
is written to the case audit log with who made it and why, and e-mailed to every ombudsperson — the
new or dismissed one included — so a change nobody expected is seen at once.

An appointee without two-factor authentication is in the group but reads nothing until they set it up
(rules.py); an administrator account is never appointed, and one made administrator later loses access
with its next request. See docs/decisions/protected-groups.md."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from citysite.accounts.protected_groups import (
    OMBUDSPERSON,
    appoint_member,
    dismiss_member,
    log_membership_change,
)

from .models import AuditAction, audit

SUPERUSER_REFUSED = _(
    "An administrator account cannot be an ombudsperson: the ombudsperson uses an account without "
    "administrator rights."
)
ALREADY_APPOINTED = _("This account is already an ombudsperson.")
NOT_APPOINTED = _("This account is not an ombudsperson.")
# CaseAuditEntry.detail holds at most 200 characters.
DETAIL_LENGTH = 200


def current_ombudspersons():
    return get_user_model().objects.filter(groups__name=OMBUDSPERSON, is_active=True).order_by("pk")


@transaction.atomic
def appoint(user, *, by, reason: str) -> None:
    """Puts `user` in the Ombudsperson group on behalf of `by`."""
    reason = appoint_member(
        user,
        OMBUDSPERSON,
        by=by,
        reason=reason,
        superuser_refused=SUPERUSER_REFUSED,
        already_member=ALREADY_APPOINTED,
    )
    _record(AuditAction.OMBUDSPERSON_APPOINTED, user, by, reason, recipients=list(current_ombudspersons()))


@transaction.atomic
def dismiss(user, *, by, reason: str) -> None:
    """Takes `user` out of the Ombudsperson group on behalf of `by`; their access ends with their next
    request."""
    # Read before the change: the dismissed ombudsperson is told too.
    recipients = list(current_ombudspersons())
    reason = dismiss_member(user, OMBUDSPERSON, by=by, reason=reason, not_member=NOT_APPOINTED)
    _record(AuditAction.OMBUDSPERSON_DISMISSED, user, by, reason, recipients=recipients)


def _record(action: str, member, by, reason: str, recipients) -> None:
    # The audit log is the case log: its entries name no case, only the account changed and the reason.
    appointed = action == AuditAction.OMBUDSPERSON_APPOINTED
    audit("", action, user=by, detail=f"{member.email}: {reason}"[:DETAIL_LENGTH])
    log_membership_change(member, OMBUDSPERSON, joined=appointed, by=by, reason=reason)
    context = {
        "appointed": appointed,
        "member_email": member.email,
        "actor_email": by.email,
        "at": timezone.now(),
        "reason": reason,
    }
    # Queued as tasks (citysite.mail) inside the transaction: the e-mails leave only with the change.
    for recipient in recipients:
        with translation.override(recipient.preferred_language):
            subject = render_to_string("ombudsperson/email/team_change_subject.txt", context).strip()
            body = render_to_string("ombudsperson/email/team_change_body.txt", context)
        send_mail(subject, body, None, [recipient.email])
