"""Test data for the migrant council: its public page, seats, members, drafts with versions, meetings with
agendas, counted votes and published opinions.

Real seats come from the secretariat's invitations (migrant_council/services/membership.py), which also
keep the "Council members" group in step with the seat; these factories make made-up members directly and
join the protected group the one test-only way (citysite/accounts/factories.py,
docs/decisions/protected-groups.md)."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from citysite.accounts.factories import UserFactory
from citysite.accounts.protected_groups import changing_membership
from home.factories import PageFactory

from . import models

COUNCIL_MEMBERS = "Council members"


def _days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class CouncilPageFactory(PageFactory):
    class Meta:
        model = models.CouncilPage

    title = "Rada Migrantów"
    slug = "rada"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A seat with a current term (served 100 days, 265 left) for `user`; `user=None`: invited, not linked
    yet. With `days_left` < 0 the term ended that many days ago; `removed=True`: removed during the term."""

    class Meta:
        model = models.Membership

    class Params:
        days_left = 265
        days_served = 100
        removed = factory.Trait(removed_at=factory.LazyFunction(timezone.now))

    user = None
    invited_email = factory.LazyAttribute(
        lambda seat: seat.user.email if seat.user else "invited@example.org"
    )
    name = factory.LazyAttribute(
        lambda seat: seat.user.display_name if seat.user and seat.user.display_name else "Członek rady"
    )
    role = models.Role.MEMBER
    term_end = factory.LazyAttribute(lambda seat: _days_from_today(seat.days_left))
    term_start = factory.LazyAttribute(lambda seat: min(_days_from_today(-seat.days_served), seat.term_end))


class CouncilMemberFactory(UserFactory):
    """An account with a seat (a current term unless `seat__days_left`, `seat__removed`, `seat__role`...
    say otherwise) in the "Council members" group, as an accepted invitation leaves it."""

    seat = factory.RelatedFactory(MembershipFactory, factory_related_name="user")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            names = extracted or [COUNCIL_MEMBERS]
            with changing_membership(COUNCIL_MEMBERS):
                self.groups.add(*Group.objects.filter(name__in=names))


class CouncilDraftFactory(factory.django.DjangoModelFactory):
    """A draft in discussion. `texts=[(heading, text), ...]` gives it those sections and a first version."""

    class Meta:
        model = models.CouncilDraft
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Opinia rady nr {n}")
    summary = "Opinia rady o projekcie polityki integracji Lublina."
    status = models.DraftStatus.IN_DISCUSSION
    created_by = None

    @factory.post_generation
    def texts(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        rows = [
            models.CouncilDraftSection.objects.create(draft=self, position=position, heading=heading)
            for position, (heading, _text) in enumerate(extracted)
        ]
        CouncilDraftVersionFactory(
            draft=self,
            number=1,
            created_by=self.created_by,
            sections=[
                {"key": str(row.key), "heading": heading, "text": text}
                for row, (heading, text) in zip(rows, extracted, strict=True)
            ],
        )


class CouncilDraftVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CouncilDraftVersion

    draft = factory.SubFactory(CouncilDraftFactory)
    number = 1
    sections = factory.LazyFunction(lambda: [{"key": "k1", "heading": "Wnioski", "text": "Tekst opinii."}])


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting in a week. `agenda=["item", ...]` gives it agenda items (`agenda__draft=` links them to a
    draft)."""

    class Meta:
        model = models.Meeting
        skip_postgeneration_save = True

    title = "Posiedzenie rady"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Ratusz, sala 12"

    @factory.post_generation
    def agenda(self, create, extracted, draft=None, **kwargs):
        if create and extracted:
            for position, title in enumerate(extracted, start=1):
                models.AgendaItem.objects.create(meeting=self, position=position, title=title, draft=draft)


class CountedVoteFactory(factory.django.DjangoModelFactory):
    """A vote on the draft's latest version that closed `counted_days_ago` days ago and was counted:
    adopted 4 to 1 of 5 unless told otherwise."""

    class Meta:
        model = models.Vote

    class Params:
        counted_days_ago = 1

    draft = factory.SubFactory(
        CouncilDraftFactory, status=models.DraftStatus.ADOPTED, texts=[("Wnioski", "Tekst opinii.")]
    )
    version = factory.LazyAttribute(lambda vote: vote.draft.versions.order_by("-number").first())
    question = factory.LazyAttribute(lambda vote: f"Czy rada przyjmuje „{vote.draft.title}”?")
    closes_at = factory.LazyAttribute(
        lambda vote: timezone.now() - datetime.timedelta(days=vote.counted_days_ago)
    )
    opens_at = factory.LazyAttribute(lambda vote: vote.closes_at - datetime.timedelta(days=7))
    quorum_percent = 50
    majority = models.Majority.SIMPLE
    eligible_count = 5
    result = models.VoteResult.ADOPTED
    votes_for = 4
    votes_against = 1
    votes_abstain = 0
    counted_at = factory.SelfAttribute("closes_at")


class OpinionFactory(factory.django.DjangoModelFactory):
    """A published opinion: an adopted draft with one version, its counted vote, the draft's title."""

    class Meta:
        model = models.Opinion

    draft = factory.SubFactory(
        CouncilDraftFactory, status=models.DraftStatus.ADOPTED, texts=[("Wnioski", "Tekst opinii.")]
    )
    vote = factory.SubFactory(CountedVoteFactory, draft=factory.SelfAttribute("..draft"))
    version = factory.SelfAttribute("vote.version")
    title = factory.SelfAttribute("draft.title")
    adopted_on = factory.LazyAttribute(lambda opinion: timezone.localdate(opinion.vote.counted_at))
    published_by = None
