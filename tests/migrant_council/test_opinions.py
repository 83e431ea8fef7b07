"""Publishing an adopted opinion on the public council page, in one step, once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext, override

from migrant_council.models import DraftStatus, Opinion, VoteResult
from migrant_council.services import opinions

from .conftest import adopt, text_of

pytestmark = pytest.mark.django_db


def publish_url(draft):
    return reverse("council_admin:opinion_publish", args=[draft.pk])


def test_one_click_publishes_the_voted_version_on_the_public_page(client, council_page, secretariat, draft):
    vote = adopt(draft)
    client.force_login(secretariat)
    assert draft.title not in text_of(client.get(council_page.url))

    response = client.post(publish_url(draft))

    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.draft == draft and opinion.vote == vote and opinion.version == vote.version
    assert opinion.version.number == 2
    assert opinion.title == draft.title and opinion.published_by == secretariat
    client.logout()
    public = text_of(client.get(council_page.url))
    assert draft.title in public
    detail = text_of(client.get(f"{council_page.url}opinions/{opinion.pk}/"))
    # The text of the version voted on (version 2), not the earlier one.
    assert "Szkoły i przedszkola przyjmują dzieci migrantów bez zwłoki." in detail
    assert "Szkoły przyjmują dzieci migrantów." not in detail


def test_adoption_date_is_the_day_the_vote_was_counted(secretariat, draft):
    from django.utils import timezone

    vote = adopt(draft, counted_days_ago=3)
    opinion, created = opinions.publish_opinion(secretariat, draft)
    assert created
    assert opinion.adopted_on == timezone.localdate(vote.counted_at)


def test_second_click_creates_no_second_opinion(client, secretariat, draft):
    adopt(draft)
    client.force_login(secretariat)
    client.post(publish_url(draft))
    second = client.post(publish_url(draft), follow=True)
    assert Opinion.objects.count() == 1
    with override("pl"):
        expected = gettext("“%(title)s” was already published.") % {"title": draft.title}
    assert expected in text_of(second)
    again, created = opinions.publish_opinion(secretariat, draft)
    assert not created and again == Opinion.objects.get()


@pytest.mark.parametrize(
    ("status", "result"),
    [
        (DraftStatus.IN_DISCUSSION, VoteResult.ADOPTED),  # not adopted as a draft
        (DraftStatus.IN_VOTE, VoteResult.ADOPTED),
        (DraftStatus.WITHDRAWN, VoteResult.ADOPTED),
        (DraftStatus.ADOPTED, VoteResult.REJECTED),  # the latest vote did not adopt it
        (DraftStatus.ADOPTED, VoteResult.NO_QUORUM),
        (DraftStatus.ADOPTED, ""),  # the vote is not counted yet
    ],
)
def test_drafts_not_adopted_are_refused(client, secretariat, draft, status, result):
    adopt(draft, result=result, status=status)
    with pytest.raises(ValidationError) as refused:
        opinions.publish_opinion(secretariat, draft)
    assert refused.value.code == "not_adopted"

    client.force_login(secretariat)
    response = client.post(publish_url(draft), follow=True)
    assert str(opinions.NOT_ADOPTED) in text_of(response)
    assert not Opinion.objects.exists()


def test_draft_marked_adopted_without_any_vote_is_refused(secretariat, draft):
    draft.status = DraftStatus.ADOPTED
    draft.save()
    with pytest.raises(ValidationError):
        opinions.publish_opinion(secretariat, draft)


def test_only_the_latest_vote_counts(secretariat, draft):
    adopt(draft, counted_days_ago=10)  # an earlier vote adopted it...
    adopt(draft, counted_days_ago=1, result=VoteResult.REJECTED)  # ...a later one did not
    with pytest.raises(ValidationError):
        opinions.publish_opinion(secretariat, draft)


@pytest.mark.parametrize("role", ["member", "superuser", "editor", "resident"])
def test_only_the_secretariat_may_publish(request, draft, role):
    adopt(draft)
    with pytest.raises(PermissionDenied):
        opinions.publish_opinion(request.getfixturevalue(role), draft)
    assert not Opinion.objects.exists()


def test_list_shows_adopted_unpublished_drafts_with_a_publish_button(client, secretariat, draft):
    adopt(draft)
    client.force_login(secretariat)
    page = text_of(client.get(reverse("council_admin:opinions")))
    assert draft.title in page and publish_url(draft) in page
    client.post(publish_url(draft))
    page = text_of(client.get(reverse("council_admin:opinions")))
    assert publish_url(draft) not in page
    assert draft.title in page  # now among the published ones


def test_publish_needs_a_post(client, secretariat, draft):
    adopt(draft)
    client.force_login(secretariat)
    assert client.get(publish_url(draft)).status_code == 405
    assert not Opinion.objects.exists()


def test_opinion_list_query_count_is_constant(client, secretariat, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_public_page import make_draft, make_opinion

    client.force_login(secretariat)
    url = reverse("council_admin:opinions")

    def add(count, start):
        for index in range(start, start + count):
            adopt(make_draft(f"Do publikacji {index}"))
            make_opinion(f"Opublikowana {index}", secretariat)

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    add(3, 0)
    few = queries()
    add(27, 3)
    assert queries() == few
    with django_assert_max_num_queries(20):
        client.get(url)
