"""Who may handle cases: members of the Ombudsperson group, and nobody else — not superusers, not even a
superuser who is also in the group (whoever handles cases uses an account without superuser rights).

These are django-rules *rules*, not permissions, on purpose: Django answers True to any has_perm() of an
active superuser, so a permission could never keep superusers out."""

import rules

is_ombudsperson = rules.is_group_member("Ombudsperson")

rules.add_rule("ombudsperson.handle_cases", rules.is_active & is_ombudsperson & ~rules.is_superuser)


def may_handle_cases(user) -> bool:
    return rules.test_rule("ombudsperson.handle_cases", user)
