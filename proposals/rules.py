"""Who may do what with proposals (django-rules rules). Views, templates and services ask them through
citysite.access.may; the predicates are the one place where the rules are written."""

import rules

from citysite.participation.rules import is_editor, is_moderator, is_verified_participant

from .models import EDITABLE_STATUSES, OPEN_STATUSES, PUBLIC_STATUSES, WITHDRAWABLE_STATUSES, Status


@rules.predicate
def is_proposal_author(user, proposal):
    return proposal is not None and user.is_authenticated and proposal.author_id == user.pk


@rules.predicate
def is_editable(user, proposal):
    return proposal is not None and proposal.status in EDITABLE_STATUSES


@rules.predicate
def is_withdrawable(user, proposal):
    return proposal is not None and proposal.status in WITHDRAWABLE_STATUSES


@rules.predicate
def is_open(user, proposal):
    return proposal is not None and proposal.status in OPEN_STATUSES


@rules.predicate
def is_publicly_visible(user, proposal):
    """Shown to everyone: public statuses, and hidden ones (as the reason, with their thread)."""
    return proposal is not None and (proposal.status in PUBLIC_STATUSES or proposal.status == Status.HIDDEN)


@rules.predicate
def has_public_image(user, proposal):
    return proposal is not None and proposal.image_is_public


@rules.predicate
def speaks_for_working_group(user, proposal):
    if proposal is None or not user.is_authenticated or proposal.working_group_id is None:
        return False
    from .models import WorkingGroupMember

    return WorkingGroupMember.objects.filter(
        user=user, working_group__translation_key=proposal.working_group.translation_key
    ).exists()


is_city_staff = is_moderator | is_editor | rules.is_superuser

rules.add_rule("proposals.write_proposal", is_verified_participant)
rules.add_rule("proposals.see_proposal", is_publicly_visible | is_proposal_author | is_city_staff)
# Only the author: staff hide a proposal or answer it, never rewrite what a resident signed.
rules.add_rule("proposals.edit_proposal", rules.is_active & is_proposal_author & is_editable)
rules.add_rule("proposals.withdraw_proposal", rules.is_active & is_proposal_author & is_withdrawable)
rules.add_rule("proposals.support_proposal", is_verified_participant & is_open & ~is_proposal_author)
rules.add_rule("proposals.place_proposal", is_verified_participant & is_open)
# A hidden or withdrawn proposal's image: its author and city staff only (proposals/images.py).
rules.add_rule("proposals.see_proposal_image", has_public_image | is_proposal_author | is_city_staff)
rules.add_rule("proposals.follow_proposal", rules.is_active & is_publicly_visible)
rules.add_rule("proposals.report_proposal", is_publicly_visible)
rules.add_rule(
    "proposals.set_official_placement", is_moderator | rules.is_superuser | speaks_for_working_group
)
rules.add_rule("proposals.answer_proposal", is_city_staff)
rules.add_rule("proposals.moderate_proposal", is_moderator | rules.is_superuser)
