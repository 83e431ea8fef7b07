"""Who may do what with a proposal (proposals/rules.py), for every role and status. Views, templates and
services all ask these rules through citysite.access.may, so the table here is the rule book. Where
superusers may act, the rules name them (tests/test_access.py checks that they get nothing more)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from citysite.access import may
from citysite.accounts.factories import UserFactory
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals.factories import ProposalFactory
from proposals.models import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    WITHDRAWABLE_STATUSES,
    Proposal,
    Status,
    WorkingGroupMember,
)

ROLES = ["visitor", "unverified_user", "resident", "author", "moderator", "editor", "analyst", "superuser"]
ALL_STATUSES = list(Status)


@pytest.fixture
def person(request, author):
    """The user of a role by name: "visitor" is an anonymous visitor, "author" wrote the proposal."""

    def get(role):
        if role == "visitor":
            return AnonymousUser()
        if role == "author":
            return author
        return request.getfixturevalue(role)

    return get


def allowed_roles(perm, proposal, person):
    return {role for role in ROLES if may(person(role), perm, proposal)}


def test_adding_a_proposal_needs_a_verified_active_account(person):
    allowed = {role for role in ROLES if may(person(role), "proposals.write_proposal")}

    assert allowed == {"resident", "author", "moderator", "editor", "analyst", "superuser"}
    assert not may(UserFactory(is_active=False), "proposals.write_proposal")


@pytest.mark.parametrize("status", sorted(set(ALL_STATUSES) - {Status.SUBMITTED}))
def test_public_and_hidden_proposals_are_visible_to_everyone(proposal, person, status):
    proposal.status = status

    assert allowed_roles("proposals.see_proposal", proposal, person) == set(ROLES)


def test_a_proposal_awaiting_moderation_is_seen_by_its_author_and_city_staff_only(proposal, person):
    proposal.status = Status.SUBMITTED

    assert allowed_roles("proposals.see_proposal", proposal, person) == {
        "author",
        "moderator",
        "editor",
        "superuser",
    }


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_only_the_author_edits_and_only_until_the_city_answers(proposal, person, status):
    proposal.status = status

    expected = {"author"} if status in EDITABLE_STATUSES else set()
    assert allowed_roles("proposals.edit_proposal", proposal, person) == expected


def test_editable_means_submitted_or_published():
    assert {Status.SUBMITTED, Status.PUBLISHED} == EDITABLE_STATUSES


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_only_the_author_withdraws_and_only_until_the_city_decides(proposal, person, status):
    proposal.status = status

    expected = {"author"} if status in WITHDRAWABLE_STATUSES else set()
    assert allowed_roles("proposals.withdraw_proposal", proposal, person) == expected
    assert (status in WITHDRAWABLE_STATUSES) == (
        status in {Status.SUBMITTED, Status.PUBLISHED, Status.UNDER_EVALUATION}
    )


@pytest.mark.parametrize("perm", ["proposals.edit_proposal", "proposals.withdraw_proposal"])
def test_an_inactive_author_may_do_nothing(proposal, author, perm):
    assert may(author, perm, proposal)
    author.is_active = False
    author.save()

    assert not may(author, perm, proposal)


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_verified_people_support_an_open_proposal_but_not_their_own(proposal, person, status):
    proposal.status = status

    expected = (
        {"resident", "moderator", "editor", "analyst", "superuser"} if status in OPEN_STATUSES else set()
    )
    assert allowed_roles("proposals.support_proposal", proposal, person) == expected


def test_open_means_published_or_under_evaluation():
    assert {Status.PUBLISHED, Status.UNDER_EVALUATION} == OPEN_STATUSES


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_verified_people_place_an_open_proposal_their_author_too(proposal, person, status):
    proposal.status = status

    verified = {"resident", "author", "moderator", "editor", "analyst", "superuser"}
    expected = verified if status in OPEN_STATUSES else set()
    assert allowed_roles("proposals.place_proposal", proposal, person) == expected


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_signed_in_people_follow_what_they_can_see(proposal, person, status):
    proposal.status = status

    signed_in = set(ROLES) - {"visitor"}
    expected = signed_in if status != Status.SUBMITTED else set()
    assert allowed_roles("proposals.follow_proposal", proposal, person) == expected


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_anyone_reports_a_public_proposal(proposal, person, status):
    proposal.status = status

    expected = set(ROLES) if status != Status.SUBMITTED else set()
    assert allowed_roles("proposals.report_proposal", proposal, person) == expected


def test_moderators_editors_and_superusers_answer(proposal, person):
    assert allowed_roles("proposals.answer_proposal", proposal, person) == {
        "moderator",
        "editor",
        "superuser",
    }


def test_moderators_and_superusers_moderate(proposal, person):
    assert allowed_roles("proposals.moderate_proposal", proposal, person) == {"moderator", "superuser"}


# --- the official placement: moderators and the proposal's working group ------------------------------


@pytest.fixture
def working_groups(home_page):
    groups = WorkingGroupIndexPageFactory(parent=home_page, slug="grupy")
    return (
        WorkingGroupPageFactory(parent=groups, title="Edukacja", slug="edukacja"),
        WorkingGroupPageFactory(parent=groups, title="Mieszkalnictwo", slug="mieszkalnictwo"),
    )


@pytest.fixture
def group_proposal(proposal_index, author, working_groups):
    return ProposalFactory(index=proposal_index, author=author, working_group=working_groups[0])


def test_moderators_and_superusers_set_the_official_placement(group_proposal, person):
    assert allowed_roles("proposals.set_official_placement", group_proposal, person) == {
        "moderator",
        "superuser",
    }


def test_a_member_of_the_proposals_working_group_sets_the_official_placement(group_proposal, working_groups):
    member = UserFactory()
    WorkingGroupMember.objects.create(working_group=working_groups[0], user=member)

    assert may(member, "proposals.set_official_placement", group_proposal)


def test_a_member_of_another_working_group_does_not(group_proposal, working_groups, editor):
    WorkingGroupMember.objects.create(working_group=working_groups[1], user=editor)

    assert not may(editor, "proposals.set_official_placement", group_proposal)


def test_membership_of_a_translation_of_the_working_group_counts(group_proposal, working_groups, locales):
    english = working_groups[0].copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    member = UserFactory(preferred_language="en")
    WorkingGroupMember.objects.create(working_group=english, user=member)

    assert may(member, "proposals.set_official_placement", group_proposal)


def test_a_proposal_linked_to_a_translated_working_group_is_placed_by_members_of_the_original(
    proposal_index, working_groups, locales
):
    english = working_groups[0].copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    proposal = ProposalFactory(index=proposal_index, working_group=english)
    member = UserFactory()
    WorkingGroupMember.objects.create(working_group=working_groups[0], user=member)

    assert may(member, "proposals.set_official_placement", proposal)


def test_without_a_working_group_only_moderators_place_officially(proposal, working_groups, moderator):
    member = UserFactory()
    WorkingGroupMember.objects.create(working_group=working_groups[0], user=member)

    assert proposal.working_group is None
    assert not may(member, "proposals.set_official_placement", proposal)
    assert may(moderator, "proposals.set_official_placement", proposal)


def test_a_working_group_member_who_is_not_signed_in_is_nobody(group_proposal):
    assert not may(AnonymousUser(), "proposals.set_official_placement", group_proposal)


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_a_proposal_is_answered_once_the_city_has_taken_it_up(status):
    answered = {
        Status.UNDER_EVALUATION,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.ALREADY_EXISTS,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    }
    assert Proposal(status=status).is_answered == (status in answered)
