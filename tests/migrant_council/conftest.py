"""Council members and a draft for the tests of the migrant council.

Access to the members' space follows a *current* Membership linked to the account (the "Council
members" group alone does not let anyone in), so every member fixture has both: the group, as the
real membership screens give it, and a Membership whose term includes today, or ended, or was
removed."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from migrant_council.factories import (
    CouncilDraftFactory,
    CouncilMemberFactory,
    CouncilPageFactory,
    CountedVoteFactory,
    MeetingFactory,
    MembershipFactory,
    OpinionFactory,
)
from migrant_council.models import (
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    DraftStatus,
    Role,
    VoteResult,
)

COUNCIL_GROUP = "Council members"

# Every role of the permission matrix, in the order the issue names them.
ROLES = [
    "visitor",
    "resident",
    "editor",
    "moderator",
    "analyst",
    "member",
    "expired_member",
    "removed_member",
    "council_member",  # in the group, but without a membership: not a member
    "secretariat",
    "ombudsperson",
    "superuser",
]
# Who gets into the members' space, and who takes part (comments, votes).
ENTER_SPACE = {"member", "secretariat"}
TAKE_PART = {"member"}


def make_membership(user=None, **fields):
    """A seat on the council for `user` (None: invited, not linked yet); see MembershipFactory."""
    return MembershipFactory(user=user, **fields)


def make_member(display_name="Członek", **membership_fields):
    """An account in the "Council members" group with a seat (current unless told otherwise)."""
    preferred_language = membership_fields.pop("preferred_language", "pl")
    return CouncilMemberFactory(
        display_name=display_name,
        preferred_language=preferred_language,
        **{f"seat__{name}": value for name, value in membership_fields.items()},
    )


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language and leaves it so: a test client request leaves the
    language of its URL active in the thread, which would change what later tests reverse and render."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def council_page(home_page):
    return CouncilPageFactory(
        parent=home_page,
        mandate=[("paragraph", "<p>Rada doradza prezydentowi miasta w sprawach migrantów.</p>")],
        contact_intro="Napisz do nas w dowolnym z czterech języków.",
    )


def make_meeting(*, days=7, title="Posiedzenie rady", agenda=("Otwarcie",), draft=None, **fields):
    """A meeting `days` from now with its agenda items (linked to `draft`, if given)."""
    return MeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=days),
        title=title,
        agenda=agenda,
        agenda__draft=draft,
        **fields,
    )


def adopt(draft, *, counted_days_ago=1, result=VoteResult.ADOPTED, status=DraftStatus.ADOPTED):
    """Closes a vote on the draft's latest version with `result` and gives the draft `status`."""
    vote = CountedVoteFactory(draft=draft, counted_days_ago=counted_days_ago, result=result)
    draft.status = status
    draft.save(update_fields=["status"])
    return vote


def make_draft(title, text="Tekst opinii.", secretariat=None):
    """A draft put to the vote, with one section and one version."""
    return CouncilDraftFactory(
        title=title, status=DraftStatus.IN_VOTE, created_by=secretariat, texts=[("Wnioski", text)]
    )


def make_opinion(title, secretariat=None):
    """An opinion published by `secretariat` on a draft adopted yesterday."""
    return OpinionFactory(draft__title=title, draft__created_by=secretariat, published_by=secretariat)


def text_of(response):
    return response.content.decode()


@pytest.fixture
def member(db):
    """A council member with a current term, the chair."""
    return make_member("Halyna", role=Role.CHAIR)


@pytest.fixture
def expired_member(db):
    """A council member whose term ended yesterday."""
    return make_member("Piotr", days_left=-1, days_served=400)


@pytest.fixture
def removed_member(db):
    """A council member removed from the council during a term that has not ended."""
    return make_member("Amina", removed=True)


@pytest.fixture
def other_members(db):
    """Three more members with a current term."""
    return [make_member(name) for name in ("Ihor", "Maria", "Tetiana")]


@pytest.fixture
def other_member(other_members):
    return other_members[0]


DRAFT_V1 = [
    ("Edukacja", "Szkoły przyjmują dzieci migrantów."),
    ("Mieszkania", "Miasto pomaga znaleźć mieszkanie."),
]
DRAFT_V2 = [
    ("Edukacja", "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki."),
    ("Mieszkania", "Miasto pomaga znaleźć mieszkanie."),
]


@pytest.fixture
def draft(db, secretariat):
    """A draft in discussion with two versions: version 2 changed the first of its two sections.
    `draft.section_rows` are its CouncilDraftSection rows in order."""
    now = timezone.now()
    draft = CouncilDraft.objects.create(
        title="Opinia o polityce integracji",
        summary="Opinia rady o projekcie polityki integracji Lublina.",
        status=DraftStatus.IN_DISCUSSION,
        created_by=secretariat,
        created_at=now - datetime.timedelta(days=10),
        updated_at=now - datetime.timedelta(days=2),
    )
    rows = [
        CouncilDraftSection.objects.create(draft=draft, position=position, heading=heading)
        for position, (heading, _text) in enumerate(DRAFT_V2)
    ]
    for number, texts, age in ((1, DRAFT_V1, 10), (2, DRAFT_V2, 2)):
        CouncilDraftVersion.objects.create(
            draft=draft,
            number=number,
            sections=[
                {"key": str(row.key), "heading": heading, "text": text}
                for row, (heading, text) in zip(rows, texts, strict=True)
            ],
            change_note="" if number == 1 else "Dodano przedszkola.",
            created_by=secretariat,
            created_at=now - datetime.timedelta(days=age),
        )
    draft.section_rows = rows
    return draft


def start_vote(secretariat, draft, *, question="Czy rada przyjmuje opinię?", opens_in=None, days=3):
    """Opens a vote on `draft` through the service (the members with a current term now may vote).
    `opens_in`: a timedelta from now (default: open now)."""
    from migrant_council.services import voting

    opens_at = timezone.now() + (opens_in or datetime.timedelta(0))
    return voting.open_vote(secretariat, draft, question, opens_at, opens_at + datetime.timedelta(days=days))


@pytest.fixture
def vote(draft, secretariat, member, other_members):
    """An open vote on the draft; `member` and the three `other_members` may vote in it."""
    return start_vote(secretariat, draft)


def close_vote(vote):
    """The vote's window ends: it is moved into the past, as time would move it."""
    from migrant_council.models import Vote

    Vote.objects.filter(pk=vote.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=3),
        closes_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    vote.refresh_from_db()
    return vote
