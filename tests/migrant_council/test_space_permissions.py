"""Who gets into the members' space: every view, every role. Current members and the secretariat get
in; a visitor is sent to sign in; everyone else — expired and removed members, staff of other kinds,
superusers — is refused and sees nothing of the council's drafts."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from citysite.participation import services as comment_services
from citysite.participation.models import Comment
from migrant_council.models import Ballot, DraftStatus, Membership

from .conftest import COUNCIL_GROUP, ENTER_SPACE, ROLES, TAKE_PART, make_membership

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Szkoły i przedszkola przyjmują dzieci migrantów"  # the draft's current text


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"council_space:{name}", args=args)


def _login_redirect(response, url):
    with translation.override("en"):
        login = reverse("account_login")
    return response.status_code == 302 and response["Location"].startswith(f"{login}?next=")


def _refused_without_leaks(response, draft):
    content = response.content.decode()
    return (
        response.status_code == 403
        and draft.title not in content
        and SECRET_TEXT not in content
        and "Czy rada przyjmuje" not in content
    )


# Every page of the space that reads (enter_space), as (name, args from the draft and the vote).
READ_VIEWS = [
    ("dashboard", lambda draft, vote: ()),
    ("drafts", lambda draft, vote: ()),
    ("draft", lambda draft, vote: (draft.pk,)),
    ("draft_version", lambda draft, vote: (draft.pk, 1)),
    ("votes", lambda draft, vote: ()),
    ("vote", lambda draft, vote: (vote.pk,)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", READ_VIEWS, ids=[name for name, _args in READ_VIEWS])
def test_reading_the_space(client, as_role, role, view, draft, vote):
    name, args = view
    url = _url(name, *args(draft, vote))
    as_role(role)

    response = client.get(url)

    if role == "visitor":
        assert _login_redirect(response, url)
    elif role in ENTER_SPACE:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        if name in ("draft", "draft_version", "vote"):
            assert draft.title in response.content.decode()
    else:
        assert _refused_without_leaks(response, draft)


# Pages only the secretariat uses.
RUN_VIEWS = [
    ("draft_create", lambda draft: ()),
    ("draft_edit", lambda draft: (draft.pk,)),
    ("vote_create", lambda draft: (draft.pk,)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", RUN_VIEWS, ids=[name for name, _args in RUN_VIEWS])
def test_secretariat_pages(client, as_role, role, view, draft):
    name, args = view
    url = _url(name, *args(draft))
    as_role(role)

    response = client.get(url)

    if role == "visitor":
        assert _login_redirect(response, url)
    elif role == "secretariat":
        assert response.status_code == 200
        assert "<form" in response.content.decode()
    elif role == "member":
        assert response.status_code == 403
        assert "Only the council secretariat" in response.content.decode()
    else:
        assert _refused_without_leaks(response, draft)


@pytest.mark.parametrize("role", ROLES)
def test_changing_the_status(client, as_role, role, draft):
    url = _url("draft_status", draft.pk)
    as_role(role)

    response = client.post(url, {"status": DraftStatus.WITHDRAWN})

    draft.refresh_from_db()
    if role == "secretariat":
        assert response.status_code == 302
        assert draft.status == DraftStatus.WITHDRAWN
    else:
        assert draft.status == DraftStatus.IN_DISCUSSION
        if role == "visitor":
            assert _login_redirect(response, url)
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_commenting_on_a_section(client, as_role, role, draft):
    section = draft.section_rows[0]
    url = _url("section_comment", section.pk)
    user = as_role(role)

    response = client.post(url, {f"section-{section.pk}-text": "Brakuje mowy o przedszkolach."})

    comments = Comment.objects.for_target(section)
    if role in TAKE_PART:
        comment = comments.get()
        assert comment.author == user and comment.consent_to_publish
        assert response.status_code == 302
        assert response["Location"] == f"{_url('draft', draft.pk)}#comment-{comment.pk}"
    else:
        assert not comments.exists()
        if role == "visitor":
            assert _login_redirect(response, url)
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_voting(client, as_role, role, vote):
    url = _url("ballot", vote.pk)
    as_role(role)

    response = client.post(url, {"choice": "for"})

    if role in TAKE_PART:
        assert response.status_code == 302
        assert Ballot.objects.filter(vote=vote).count() == 1
    else:
        assert not Ballot.objects.filter(vote=vote).exists()
        if role == "visitor":
            assert _login_redirect(response, url)
        else:
            assert response.status_code == 403


# --- Comments through the shared comment views ---------------------------------------------------------


@pytest.fixture
def member_comment(member, draft):
    comment, _created = comment_services.post_comment(
        member, draft.section_rows[0], "Czy przedszkola mają dość miejsc?", "pl"
    )
    return comment


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["reply", "report", "edit"])
def test_shared_comment_views_are_for_the_council_only(client, as_role, role, action, member_comment):
    as_role(role)

    response = client.get(reverse(f"participation:{action}", args=[member_comment.pk]))

    if role in ENTER_SPACE:
        # Inside the council the shared views work as anywhere (only the author may edit), except that
        # members-only comments are never reported (tests/participation/test_members_only_reports.py).
        expected = 403 if action == "report" or (action, role) == ("edit", "secretariat") else 200
        assert response.status_code == expected
    else:
        assert response.status_code == 404
        assert member_comment.text not in response.content.decode()


def test_members_reply_through_the_shared_views(
    client, other_member, member_comment, draft, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(other_member)
    draft_url = _url("draft", draft.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participation:reply", args=[member_comment.pk]),
            {"text": "Nie, brakuje ich w Śródmieściu.", "next": draft_url},
        )

    reply = Comment.objects.get(parent=member_comment)
    assert response.status_code == 302
    assert response["Location"] == f"{draft_url}#comment-{reply.pk}"
    # The author of the comment is told, in their language, with a link into the members' space.
    assert len(mailoutbox) == 1
    polish_draft_url = _url("draft", draft.pk, language="pl")
    assert f"http://testserver{polish_draft_url}#comment-{reply.pk}" in mailoutbox[0].body
    assert "Opinia o polityce integracji › Edukacja" in mailoutbox[0].body


def test_people_outside_the_council_cannot_reply(client, resident, member_comment):
    client.force_login(resident)

    response = client.post(reverse("participation:reply", args=[member_comment.pk]), {"text": "Ja też!"})

    assert response.status_code == 404
    assert not Comment.objects.filter(parent=member_comment).exists()


def test_council_comments_stay_out_of_the_moderation_queue(client, moderator, member_comment):
    from citysite.participation.registry import is_members_only, members_only_type_ids

    assert is_members_only(member_comment)
    assert member_comment.target_type_id in members_only_type_ids()


# --- Losing access at once ---------------------------------------------------------------------------


def test_a_member_removed_during_a_session_is_refused_at_once(client, member, draft):
    client.force_login(member)
    assert client.get(_url("draft", draft.pk)).status_code == 200

    Membership.objects.filter(user=member).update(removed_at=timezone.now())

    assert _refused_without_leaks(client.get(_url("draft", draft.pk)), draft)


def test_access_ends_the_day_after_the_term(client, draft):
    user = UserFactory(groups=[COUNCIL_GROUP])
    membership = make_membership(user, days_left=0)  # the term ends today: still a member
    client.force_login(user)
    assert client.get(_url("draft", draft.pk)).status_code == 200

    Membership.objects.filter(pk=membership.pk).update(
        term_end=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert _refused_without_leaks(client.get(_url("draft", draft.pk)), draft)


def test_a_future_term_does_not_open_the_space_yet(client, draft):
    user = UserFactory(groups=[COUNCIL_GROUP])
    make_membership(user, days_left=400, days_served=-30)  # starts in 30 days
    client.force_login(user)

    assert _refused_without_leaks(client.get(_url("dashboard")), draft)


def test_a_superuser_with_a_current_membership_gets_in_as_a_member(client, draft):
    user = UserFactory(is_superuser=True, is_staff=True)
    make_membership(user)
    client.force_login(user)

    assert client.get(_url("draft", draft.pk)).status_code == 200
    assert client.get(_url("draft_create")).status_code == 403  # a member, not the secretariat


def test_an_unknown_draft_is_not_found_inside_the_space(client, member):
    client.force_login(member)
    assert client.get(_url("draft", 999_999)).status_code == 404
    assert client.get(_url("vote", 999_999)).status_code == 404


def test_an_unknown_draft_is_refused_not_found_outside_the_space(client, resident, draft):
    """Outsiders cannot tell which drafts exist: every address gives the same refusal."""
    client.force_login(resident)
    assert client.get(_url("draft", 999_999)).status_code == 403
    assert client.get(_url("draft", draft.pk)).status_code == 403


# --- Two-factor authentication -------------------------------------------------------------------------


def _mfa_required_url():
    with translation.override("en"):
        return reverse("account_mfa_required")


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True
    return settings


def test_a_member_without_two_factor_is_sent_to_set_it_up(client, mfa_required, member):
    client.force_login(member)

    response = client.get(_url("dashboard"))

    assert response.status_code == 302
    assert response["Location"] == _mfa_required_url()


def test_a_member_outside_the_staff_group_is_sent_to_set_it_up_too(client, mfa_required, draft):
    """The space asks for 2FA of everyone it lets in, even if a membership was linked without the group."""
    user = UserFactory()
    make_membership(user)
    client.force_login(user)

    response = client.get(_url("draft", draft.pk))

    assert response.status_code == 302
    assert response["Location"] == _mfa_required_url()


def test_a_member_with_two_factor_gets_in(client, mfa_required, member):
    TOTP.activate(member, generate_totp_secret())
    client.force_login(member)

    assert client.get(_url("dashboard")).status_code == 200


def test_without_the_requirement_no_two_factor_is_asked(client, member):
    client.force_login(member)
    assert client.get(_url("dashboard")).status_code == 200


def test_a_renamed_screen_breaks_the_space_menu_loudly(monkeypatch, secretariat):
    """A link whose URL name no longer exists is an error, not a silently missing menu entry."""
    from django.urls import NoReverseMatch

    from migrant_council.views import space

    monkeypatch.setattr(
        space, "SPACE_LINKS", [*space.SPACE_LINKS, ("council_space:renamed", "X", "enter_space")]
    )
    with pytest.raises(NoReverseMatch):
        space.space_menu(space.SpaceAccess(secretariat), current=None)


def test_the_secretariat_s_menu_leads_to_the_admin(client, secretariat):
    client.force_login(secretariat)
    content = client.get(reverse("council_space:dashboard")).content.decode()
    assert f'href="{reverse("council_admin:home")}"' in content
