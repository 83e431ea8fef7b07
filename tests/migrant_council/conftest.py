"""Council members and a draft for the tests of the migrant council.

Access to the members' space follows a *current* Membership linked to the account (the "Council
members" group alone does not let anyone in), so every member fixture has both: the group, as the
real membership screens give it, and a Membership whose term includes today, or ended, or was
removed."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from citysite.accounts.factories import UserFactory
from migrant_council.models import (
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    DraftStatus,
    Membership,
    Role,
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def make_membership(user=None, *, days_left=265, days_served=100, removed=False, role=Role.MEMBER, **fields):
    """A seat on the council for `user` (None: invited, not linked yet). With `days_left` < 0 the term
    ended that many days ago."""
    today = timezone.localdate()
    term_end = today + datetime.timedelta(days=days_left)
    term_start = min(today - datetime.timedelta(days=days_served), term_end)
    return Membership.objects.create(
        user=user,
        invited_email=user.email if user else fields.pop("invited_email", "invited@example.org"),
        name=fields.pop("name", user.display_name if user and user.display_name else "Członek rady"),
        role=role,
        term_start=term_start,
        term_end=term_end,
        removed_at=timezone.now() if removed else None,
        **fields,
    )


def make_member(display_name="Członek", **membership_fields):
    """An account in the "Council members" group with a membership (current unless told otherwise)."""
    preferred_language = membership_fields.pop("preferred_language", "pl")
    user = UserFactory(
        display_name=display_name, groups=[COUNCIL_GROUP], preferred_language=preferred_language
    )
    make_membership(user, **membership_fields)
    return user


@pytest.fixture
def visitor():
    return None


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


@pytest.fixture
def as_role(client, request):
    """Logs the test client in as the named role ("visitor" stays signed out) and returns the user."""

    def log_in(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return log_in


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
