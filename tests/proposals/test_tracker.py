"""The accountability tracker of a proposals index: accepted proposals until they are implemented,
grouped by working group and area, with progress, dated updates, the date of acceptance and the
answering body; who may see it; a query count that does not grow with the number of proposals."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals.factories import (
    ProgressUpdateFactory,
    ProposalFactory,
    ProposalIndexPageFactory,
    StatusChangeFactory,
)
from proposals.models import ProgressUpdate, Proposal, ProposalArea, Status, StatusChange
from tests.i18n import polish


def in_polish(label) -> str:
    """A model's translatable label (choices, meanings) as a Polish page shows it."""
    with translation.override("pl"):
        return str(label)


pytestmark = pytest.mark.django_db


@pytest.fixture
def index_page(home_page):
    return ProposalIndexPageFactory(parent=home_page, title="Propozycje")


@pytest.fixture
def groups(home_page):
    index = WorkingGroupIndexPageFactory(parent=home_page)
    return {
        "education": WorkingGroupPageFactory(parent=index, title="Edukacja"),
        "basic": WorkingGroupPageFactory(parent=index, title="Potrzeby podstawowe"),
    }


def tracker_url(index_page):
    return index_page.url + "tracker/"


def get(client, index_page):
    response = client.get(tracker_url(index_page))
    assert response.status_code == 200
    return response.content.decode()


def headings(html, level):
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


def test_tracked_proposals_grouped_by_working_group_then_area(client, index_page, groups):
    ProposalFactory(
        index=index_page,
        title="Asystenci w szkołach",
        status=Status.IN_PROGRESS,
        working_group=groups["education"],
        area=ProposalArea.DAILY_LIFE,
    )
    ProposalFactory(
        index=index_page,
        title="Tandemy językowe",
        status=Status.ACCEPTED,
        working_group=groups["education"],
        area=ProposalArea.CULTURE,
    )
    ProposalFactory(
        index=index_page,
        title="Punkt informacyjny",
        status=Status.IMPLEMENTED,
        working_group=groups["basic"],
        area=ProposalArea.PUBLIC_INSTITUTIONS,
    )
    ProposalFactory(
        index=index_page, title="Rada migrantów", status=Status.ACCEPTED, area=ProposalArea.CITY_POLICY
    )
    for status in (
        Status.PUBLISHED,
        Status.UNDER_EVALUATION,
        Status.REJECTED,
        Status.HIDDEN,
        Status.WITHDRAWN,
    ):
        ProposalFactory(index=index_page, title=f"Nie śledzona {status}", status=status)

    html = get(client, index_page)
    h2 = [re.sub(r"\s+\S*\d+\s.*$", "", text) for text in headings(html, 2)]
    assert h2 == ["Edukacja", "Potrzeby podstawowe", polish("No working group")]
    assert f'<a href="{groups["education"].url}">Edukacja</a>' in html
    education = html.split("Edukacja</a>")[1].split("Potrzeby podstawowe</a>")[0]
    assert headings(education, 3) == [
        in_polish(ProposalArea.DAILY_LIFE.label),
        in_polish(ProposalArea.CULTURE.label),
    ]
    assert headings(html, 4) == [
        "Asystenci w szkołach",
        "Tandemy językowe",
        "Punkt informacyjny",
        "Rada migrantów",
    ]
    assert "Nie śledzona" not in html


def test_progress_updates_acceptance_and_answering_body(client, index_page):
    proposal = ProposalFactory(
        index=index_page, title="Baza tłumaczy", status=Status.IN_PROGRESS, language="uk"
    )
    accepted_at = timezone.make_aware(datetime.datetime(2024, 3, 5, 12, 0))
    StatusChangeFactory(
        proposal=proposal,
        from_status=Status.PUBLISHED,
        to_status=Status.ACCEPTED,
        changed_at=accepted_at,
        answering_body="Wydział Spraw Społecznych",
    )
    StatusChangeFactory(
        proposal=proposal,
        from_status=Status.ACCEPTED,
        to_status=Status.IN_PROGRESS,
        changed_at=accepted_at + datetime.timedelta(days=30),
        answering_body="Biuro Rzecznika",
    )
    ProgressUpdateFactory(
        proposal=proposal, percent=20, text="Ogłoszono nabór.", published_on=datetime.date(2024, 4, 1)
    )
    ProgressUpdateFactory(
        proposal=proposal,
        percent=60,
        text="Pierwsi tłumacze w bazie.",
        published_on=datetime.date(2024, 6, 10),
    )

    html = get(client, index_page)
    assert f'<a href="{index_page.url}{proposal.pk}/" lang="uk">Baza tłumaczy</a>' in html
    assert in_polish(Status.IN_PROGRESS.label) in html
    assert '<time datetime="2024-03-05">' in html
    assert "Biuro Rzecznika" in html  # the latest answering body
    assert f'<progress id="progress-{proposal.pk}" max="100" value="60">60%</progress>' in html
    assert f'<label for="progress-{proposal.pk}">' in html
    assert re.search(r'tracker-progress__value">[^<]*60%', html)
    updates = html.split("tracker-updates__list")[1].split("</ol>")[0]
    assert updates.index("Pierwsi tłumacze") < updates.index("Ogłoszono nabór.")  # newest first
    assert '<time datetime="2024-06-10">' in updates and '<time datetime="2024-04-01">' in updates


def test_implemented_is_complete_and_accepted_without_updates_says_so(client, index_page):
    done = ProposalFactory(index=index_page, title="Zrobione", status=Status.IMPLEMENTED)
    ProgressUpdateFactory(proposal=done, percent=90)
    waiting = ProposalFactory(index=index_page, title="Przyjęte", status=Status.ACCEPTED)
    html = get(client, index_page)
    assert f'<progress id="progress-{done.pk}" max="100" value="100">' in html
    assert f'id="progress-{waiting.pk}"' not in html
    assert polish("No progress reported yet.") in html


def test_summary_counts_by_status(client, index_page):
    ProposalFactory.create_batch(2, index=index_page, status=Status.ACCEPTED)
    ProposalFactory(index=index_page, status=Status.IN_PROGRESS)
    html = get(client, index_page)
    summary = html.split('class="tracker-summary"')[1].split("</ul>")[0]
    counts = dict(re.findall(r"status--(\w+) proposal-status\">.*?</span> <strong>(\d+)</strong>", summary))
    assert counts == {"in_progress": "1", "accepted": "2", "implemented": "0"}


def test_empty_tracker(client, index_page):
    ProposalFactory(index=index_page)
    assert polish("The city has not accepted any proposal here yet.") in get(client, index_page)


@pytest.mark.parametrize("role", ["visitor", "unverified_user", "resident", "author", "moderator", "editor"])
def test_everybody_sees_the_tracker_and_nobody_the_hidden(client, request, index_page, home_page, role):
    shown = ProposalFactory(index=index_page, title="Widoczna", status=Status.ACCEPTED)
    hidden = ProposalFactory(index=index_page, title="Ukryta", status=Status.HIDDEN)
    other = ProposalIndexPageFactory(parent=home_page, title="Inne", slug="inne")
    ProposalFactory(index=other, title="Z innego indeksu", status=Status.ACCEPTED)
    if role == "author":
        client.force_login(hidden.author)
    elif role != "visitor":
        client.force_login(request.getfixturevalue(role))
    html = get(client, index_page)
    assert shown.title in html
    assert "Ukryta" not in html and "Z innego indeksu" not in html


def _bulk_tracked(index_page, groups, count, start):
    author = UserFactory()
    statuses = [Status.ACCEPTED, Status.IN_PROGRESS, Status.IMPLEMENTED]
    areas = list(ProposalArea)
    proposals = Proposal.objects.bulk_create(
        Proposal(
            index_key=index_page.translation_key,
            author=author,
            title=f"Śledzona {start + number}",
            text="<p>Tekst</p>",
            area=areas[number % len(areas)],
            language="pl",
            status=statuses[number % 3],
            working_group=groups[number % 3] if number % 3 < len(groups) else None,
            official_impact=4,
            official_ease=4,
        )
        for number in range(count)
    )
    proposals = list(Proposal.objects.filter(title__in=[p.title for p in proposals]))
    StatusChange.objects.bulk_create(
        StatusChange(
            proposal=p, from_status=Status.PUBLISHED, to_status=Status.ACCEPTED, answering_body="Urząd"
        )
        for p in proposals
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(proposal=p, percent=percent, text=f"Etap {percent}")
        for p in proposals
        for percent in (10, 40)
    )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_tracker_queries_do_not_grow_with_the_number_of_proposals(
    client, index_page, groups, django_assert_max_num_queries
):
    url = tracker_url(index_page)
    group_list = [groups["education"], groups["basic"]]
    _bulk_tracked(index_page, group_list, 10, 0)
    few, html = _queries(client, url)
    assert html.count("<progress ") == 10
    _bulk_tracked(index_page, group_list, 290, 10)
    many, html = _queries(client, url)
    assert html.count("<progress ") == 300
    assert html.count("Etap 40") == 300
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(url)
