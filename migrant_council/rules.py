"""Who may do what in the migrant council (django-rules).

The members' space is for council members with a current term, and for the secretariat that runs it.
Asked through citysite.access.may, like every rule: superusers get nothing special, as council drafts
are for the council only (a superuser with a current membership gets in as a member, like anyone
else)."""

import rules

is_secretariat = rules.is_group_member("Council secretariat")


@rules.predicate
def has_current_membership(user):
    if not user.is_authenticated or not user.is_active:
        return False
    from .models import Membership

    return Membership.objects.current().filter(user=user).exists()


rules.add_rule("migrant_council.enter_space", has_current_membership | is_secretariat)
rules.add_rule("migrant_council.take_part", has_current_membership)  # comment on drafts, vote
rules.add_rule("migrant_council.run_council", is_secretariat)  # drafts, meetings, votes, membership
