"""The demo proposals: about 40 residents' proposals from the Warsaw report across the seven areas, every
status of the workflow with consistent histories, all four quadrants, supports, comments, placements, a
translated index, and a working-group member.
(tests/demo/conftest.py loads it once; tests/demo/test_rerunning.py runs it again.)"""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from citysite.access import may
from citysite.participation.models import AbuseReport, Comment
from proposals import demo
from proposals.models import (
    EVALUATION_STATUSES,
    Placement,
    ProgressUpdate,
    ProposalArea,
    ProposalIndexPage,
    Quadrant,
    Status,
    StatusChange,
    WorkingGroupMember,
    city_may_change,
)


@pytest.fixture
def index(demo_home):
    return ProposalIndexPage.objects.get(slug=demo.INDEX_SLUG, locale__language_code="pl")


@pytest.fixture
def proposals(index):
    return index.proposals()


def test_about_40_proposals_across_all_seven_areas(proposals):
    assert 38 <= proposals.count() <= 46
    areas = Counter(proposals.values_list("area", flat=True))
    assert set(areas) == set(ProposalArea.values)
    assert min(areas.values()) >= 3
    assert all(proposal.dimensions.exists() for proposal in proposals)


def test_some_are_written_in_ukrainian_russian_and_english(proposals):
    languages = Counter(proposals.values_list("language", flat=True))
    assert languages["pl"] > 25
    assert {"uk", "ru", "en"} <= set(languages)
    ukrainian = proposals.filter(language="uk").first()
    assert any("\u0400" <= letter <= "\u04ff" for letter in ukrainian.title)


def test_every_status_is_there_as_described(proposals):
    statuses = Counter(proposals.values_list("status", flat=True))

    for status in (
        Status.UNDER_EVALUATION,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.ALREADY_EXISTS,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    ):
        assert statuses[status] >= 2, status
    assert statuses[Status.PUBLISHED] >= 10
    assert statuses[Status.WITHDRAWN] == 1
    assert statuses[Status.HIDDEN] == 1
    hidden = proposals.get(status=Status.HIDDEN)
    assert hidden.hidden_reason
    assert StatusChange.objects.get(proposal=hidden).changed_by.groups.filter(name="Moderators").exists()
    reported = AbuseReport.objects.open().filter(proposal__in=proposals)
    assert reported.count() == 1 and reported.get().target.status == Status.PUBLISHED


def test_status_histories_follow_the_rules(proposals, index):
    for proposal in proposals.prefetch_related("status_changes"):
        changes = list(proposal.status_changes.all())
        status = Status.PUBLISHED
        for change in changes:
            assert change.from_status == status, proposal.title
            if change.to_status == Status.WITHDRAWN:
                assert change.changed_by == proposal.author
            elif change.to_status != Status.HIDDEN:
                assert city_may_change(status, change.to_status), (proposal.title, status, change.to_status)
                assert change.answer and change.answering_body, proposal.title
                if status == Status.PUBLISHED and change.to_status in EVALUATION_STATUSES:
                    earlier = proposal.supports.filter(created_at__lte=change.changed_at).count()
                    assert earlier >= index.support_threshold, proposal.title
            assert proposal.created_at < change.changed_at
            status = change.to_status
        assert status == proposal.status, proposal.title


def test_answers_come_from_named_bodies(proposals):
    bodies = set(
        StatusChange.objects.filter(proposal__in=proposals)
        .exclude(answering_body="")
        .values_list("answering_body", flat=True)
    )
    assert {"Wydział Spraw Społecznych UM Lublin", "Zespół ds. Edukacji KDO"} <= bodies
    assert len(bodies) >= 6


def test_progress_is_dated_and_reaches_100_when_implemented(proposals):
    for proposal in proposals.filter(status__in=[Status.IN_PROGRESS, Status.IMPLEMENTED]):
        updates = list(proposal.progress_updates.all())
        assert len(updates) >= 2, proposal.title
        percents = [update.percent for update in updates]
        assert percents == sorted(percents)
        dates = [update.published_on for update in updates]
        assert dates == sorted(dates)
        assert (percents[-1] == 100) == (proposal.status == Status.IMPLEMENTED), proposal.title
    assert not ProgressUpdate.objects.exclude(
        proposal__status__in=[Status.IN_PROGRESS, Status.IMPLEMENTED]
    ).exists()


def test_official_placements_cover_all_four_quadrants(proposals, index):
    quadrants = Counter(
        proposal.official_quadrant(index.matrix_high_from)
        for proposal in proposals.exclude(official_impact=None)
    )
    assert set(quadrants) == set(Quadrant)
    for quadrant in Quadrant:
        assert proposals.in_quadrant(quadrant, index.matrix_high_from).exists()
    assert not proposals.exclude(official_impact=None).filter(official_placement_by="").exists()


def test_supports_comments_and_crowd_placements(proposals, index):
    counted = proposals.with_counts()
    supports = [proposal.support_count for proposal in counted]
    assert max(supports) > index.support_threshold and min(supports) < index.support_threshold
    assert len(set(supports)) >= 8
    for proposal in counted:
        assert not proposal.supports.filter(user=proposal.author).exists()
    assert Placement.objects.filter(proposal__in=proposals).count() > 100
    comments = Comment.objects.filter(proposal__in=proposals)
    assert comments.count() >= 30
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(is_official=True).exclude(official_body="").exists()
    assert set(comments.values_list("language", flat=True)) >= {"pl", "uk", "ru", "en"}


def test_authors_are_demo_residents_with_verified_addresses(proposals):
    authors = get_user_model().objects.filter(pk__in=proposals.values("author"))
    assert authors.count() >= 10
    for author in authors:
        assert author.email.endswith(f"@{demo.DOMAIN}")
        assert author.emailaddress_set.filter(verified=True, primary=True).exists()
        assert not author.is_staff


def test_a_demo_account_speaks_for_the_education_group(proposals, demo_password):
    member = WorkingGroupMember.objects.get(user__email=demo.email_of("edukacja"))
    assert member.working_group.slug == "edukacja"
    education = proposals.filter(working_group=member.working_group).first()
    assert may(member.user, "proposals.set_official_placement", education)
    assert member.user.check_password(demo_password)


def test_the_index_is_translated(index):
    for language, (title, _intro) in demo.INDEX_TEXT.items():
        page = ProposalIndexPage.objects.get(
            translation_key=index.translation_key, locale__language_code=language
        )
        assert page.live and page.title == title and page.intro
    assert index.support_threshold == demo.SUPPORT_THRESHOLD
    assert index.moderation == "post"


def test_the_demo_moderator_finds_the_reported_proposal_in_the_queue(client, proposals):
    moderator = get_user_model().objects.get(email=f"moderator@{demo.DOMAIN}")
    client.force_login(moderator)
    reported = AbuseReport.objects.open().get(proposal__in=proposals).target

    html = client.get(reverse("proposals_admin:reports")).content.decode()

    assert reported.title in html


def test_the_demo_data_rules_are_checked():
    broken = demo.Idea(
        title="Zła historia",
        text="Tekst.",
        area=ProposalArea.CITY_POLICY,
        dimensions=("societal",),
        author="tomasz",
        days_ago=10,
        supports=2,
        steps=(demo.Step(Status.ACCEPTED, 3, "Tak.", "Urząd"),),
    )
    with pytest.raises(ValueError, match="Zła historia"):
        demo.check_ideas([broken])
