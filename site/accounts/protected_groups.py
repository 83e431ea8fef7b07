"""Groups whose membership opens confidential records: the Ombudsperson group (every case) and the
council's two groups (council drafts). Membership of them changes only inside the service that owns it
(ombudsperson.appointments, migrant_council.services.membership), which audits and announces the change;
anything else that adds or removes a member — the Wagtail user or group editor, Django's admin, a shell script
calling `user.groups.add` — fails closed with ProtectedGroupChange (a PermissionDenied, so a view answers
403, never 500). See docs/decisions/protected-groups.md.

The services say what they change with `changing_membership(...)`; the guard checks every m2m change of
User.groups (from either side), deleting a member's account, and renaming or deleting one of these groups.
It cannot see writes that bypass the ORM's signals (raw SQL, rows of the auto-created membership table
written directly): whoever can run those can also read the database and its keys, which the decision
record names as the risk that remains."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

OMBUDSPERSON = "Ombudsperson"
COUNCIL_MEMBERS = "Council members"
COUNCIL_SECRETARIAT = "Council secretariat"
PROTECTED_GROUPS = frozenset({OMBUDSPERSON, COUNCIL_MEMBERS, COUNCIL_SECRETARIAT})
# Wagtail audit log actions on the user (registered in wagtail_hooks.py).
JOINED_ACTION = "accounts.protected_group.join"
LEFT_ACTION = "accounts.protected_group.leave"

# The protected groups whose membership the running code may change: set only by changing_membership(),
# so it follows the code path (and async tasks) rather than the thread.
_changes_allowed: ContextVar[frozenset] = ContextVar("protected_group_changes_allowed", default=frozenset())


class ProtectedGroupChange(PermissionDenied):
    def __init__(self, group_names):
        self.group_names = sorted(group_names)
        super().__init__(
            _("Membership of %(groups)s changes only through its own audited procedure.")
            % {"groups": ", ".join(self.group_names)}
        )


@contextmanager
def changing_membership(*group_names: str):
    """Lets the code inside the block change membership of the named protected groups (only those)."""
    unknown = set(group_names) - PROTECTED_GROUPS
    if unknown:
        raise ValueError(f"Not a protected group: {', '.join(sorted(unknown))}")
    token = _changes_allowed.set(_changes_allowed.get() | frozenset(group_names))
    try:
        yield
    finally:
        _changes_allowed.reset(token)


REASON_REQUIRED = _("Please give the reason for the change: it goes to the audit log.")
SELF_CHANGE = _("Nobody can appoint or dismiss themselves; another person must make the change.")
INACTIVE_ACTOR = _("The person making the change needs an active account.")
NO_ACCOUNT = _("No active account has the verified e-mail address %(email)s.")


def checked_reason(member, by, reason: str) -> str:
    """The reason of an appointment or dismissal, stripped; ValidationError when it is empty, when the
    person making the change has no active account, or when they would change their own membership."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_REQUIRED, code="reason_required")
    if by is None or not by.is_active:
        raise ValidationError(INACTIVE_ACTOR, code="inactive_actor")
    if by.pk == member.pk:
        raise ValidationError(SELF_CHANGE, code="self_change")
    return reason


INACTIVE_APPOINTEE = _("This account is not active.")


def appoint_member(user, group_name: str, *, by, reason: str, superuser_refused, already_member) -> str:
    """Puts `user` in the protected group on behalf of `by`, with the owning service's refusal texts;
    returns the checked reason for the service's own record. Call it inside the service's transaction."""
    reason = checked_reason(user, by, reason)
    if user.is_superuser:
        raise ValidationError(superuser_refused, code="superuser")
    if not user.is_active:
        raise ValidationError(INACTIVE_APPOINTEE, code="inactive")
    group = Group.objects.get(name=group_name)
    if user.groups.filter(pk=group.pk).exists():
        raise ValidationError(already_member, code="already_appointed")
    with changing_membership(group_name):
        user.groups.add(group)
    return reason


def dismiss_member(user, group_name: str, *, by, reason: str, not_member) -> str:
    """Takes `user` out of the protected group on behalf of `by`; returns the checked reason, as
    appoint_member does."""
    reason = checked_reason(user, by, reason)
    group = Group.objects.get(name=group_name)
    if not user.groups.filter(pk=group.pk).exists():
        raise ValidationError(not_member, code="not_appointed")
    with changing_membership(group_name):
        user.groups.remove(group)
    return reason


def account_with_email(email: str):
    """The active account whose verified address this is; ValidationError if there is none."""
    from allauth.account.models import EmailAddress

    address = (
        EmailAddress.objects.filter(email__iexact=email.strip(), verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if address is None:
        raise ValidationError(NO_ACCOUNT, code="no_account", params={"email": email})
    return address.user


def log_membership_change(member, group_name: str, *, joined: bool, by, reason: str) -> None:
    """Writes the change to the member's history in the Wagtail admin (their audit log), with its author."""
    from wagtail.log_actions import log

    log(
        instance=member,
        action=JOINED_ACTION if joined else LEFT_ACTION,
        user=by,
        data={"group": group_name, "reason": reason},
    )


def _require_allowed(group_names) -> None:
    refused = set(group_names) - _changes_allowed.get()
    if refused:
        raise ProtectedGroupChange(refused)


def _protected_names(group_ids) -> set[str]:
    return set(
        Group.objects.filter(pk__in=group_ids, name__in=PROTECTED_GROUPS).values_list("name", flat=True)
    )


def guard_group_membership(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed of User.groups: `instance` is a user (reverse=False, pk_set holds group ids) or a group
    (reverse=True, pk_set holds user ids). For additions Django passes only the ids not yet present."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if reverse:
        touched = instance.name in PROTECTED_GROUPS and (
            bool(pk_set) if action != "pre_clear" else instance.user_set.exists()
        )
        names = {instance.name} if touched else set()
    elif action == "pre_clear":
        names = set(instance.groups.filter(name__in=PROTECTED_GROUPS).values_list("name", flat=True))
    else:
        names = _protected_names(pk_set or ())
    _require_allowed(names)


def guard_user_deletion(sender, instance, **kwargs):
    """Deleting an account takes it out of its groups without any m2m signal (Django sends none for the
    rows of the membership table itself)."""
    _require_allowed(set(instance.groups.filter(name__in=PROTECTED_GROUPS).values_list("name", flat=True)))


def guard_group_row(sender, instance, **kwargs):
    """Renaming or deleting a protected group would take its members' access away, or hand the name (and
    with it the access rules) to another group."""
    if instance.pk is None:
        return
    old_name = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    deleting = kwargs.get("signal") is pre_delete
    if old_name in PROTECTED_GROUPS and (deleting or instance.name != old_name):
        _require_allowed({old_name})
    if not deleting and instance.name in PROTECTED_GROUPS and instance.name != old_name:
        _require_allowed({instance.name})


def connect_signals() -> None:
    user_model = get_user_model()
    m2m_changed.connect(
        guard_group_membership, sender=user_model.groups.through, dispatch_uid="protected_groups.m2m"
    )
    pre_delete.connect(guard_user_deletion, sender=user_model, dispatch_uid="protected_groups.user_delete")
    pre_save.connect(guard_group_row, sender=Group, dispatch_uid="protected_groups.group_save")
    pre_delete.connect(guard_group_row, sender=Group, dispatch_uid="protected_groups.group_delete")
