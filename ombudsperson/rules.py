"""Who may handle cases: members of the Ombudsperson group, and nobody else — not superusers, not even a
superuser who is also in the group (whoever handles cases uses an account without superuser rights), and
only with two-factor authentication set up, so a changed e-mail address and a password reset cannot hand an
ombudsperson's account to someone else (docs/decisions/protected-groups.md).

Asked through citysite.access.may, like every rule of the project: Django answers True to any has_perm()
of an active superuser, so a permission could never keep superusers out."""

import rules
from allauth.mfa.utils import is_mfa_enabled

is_ombudsperson = rules.is_group_member("Ombudsperson")


@rules.predicate
def has_two_factor(user):
    # Asked several times in one request (the view, the admin menu, the page's links): one query is enough.
    if not hasattr(user, "_has_two_factor"):
        user._has_two_factor = user.is_authenticated and is_mfa_enabled(user)
    return user._has_two_factor


rules.add_rule(
    "ombudsperson.handle_cases", rules.is_active & is_ombudsperson & ~rules.is_superuser & has_two_factor
)
