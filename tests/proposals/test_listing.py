"""The public list of a proposals index: what each card shows, filters, search, sorting (including a
stable random order), pagination, who may see it, and a query count that does not grow with the number
of proposals."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from citysite.participation.models import Comment, Dimension, DimensionCode
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from proposals.comment_places import proposal_path
from proposals.factories import ProposalFactory, ProposalIndexPageFactory, SupportFactory
from proposals.filters import RANDOM_PRIME
from proposals.models import QUADRANT_MEANINGS, Proposal, ProposalArea, Quadrant, Status, Support
from proposals.views.listing import LIST_PAGE_SIZE
from tests.i18n import polish


def in_polish(label) -> str:
    """A model's translatable label (choices, meanings) as a Polish page shows it."""
    with translation.override("pl"):
        return str(label)


pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'class="card__title proposal-card__title"><a href="[^"]+" lang="[^"]+">([^<]+)</a>')


@pytest.fixture
def index_page(home_page):
    return ProposalIndexPageFactory(parent=home_page, title="Propozycje")


@pytest.fixture
def author(db):
    return UserFactory(display_name="Autorka")


def listed(response) -> list[str]:
    return CARD_TITLE.findall(response.content.decode())


def get(client, index_page, **params):
    response = client.get(index_page.url, params)
    assert response.status_code == 200
    return response


# --- what a card shows -------------------------------------------------------------------------------


def test_card_shows_the_facts_of_a_proposal(client, index_page):
    index_page.support_threshold = 5
    index_page.now_label = "Zróbmy to teraz"
    index_page.save_revision().publish()
    proposal = ProposalFactory(
        index=index_page,
        title="Baza tłumaczy środowiskowych",
        text="<p>Wspólna baza <strong>tłumaczy</strong> dla urzędów i szkół.</p>",
        area=ProposalArea.DAILY_LIFE,
        dimensions=[Dimension.objects.get(code="legal"), Dimension.objects.get(code="cultural")],
        district="Czuby",
        language="uk",
        official_impact=5,
        official_ease=4,
    )
    SupportFactory.create_batch(2, proposal=proposal)
    Comment.objects.create(target=proposal, text="Dobry pomysł", language="pl")

    html = get(client, index_page).content.decode()

    assert 'lang="uk">Baza tłumaczy środowiskowych</a>' in html
    assert f'<a href="{proposal_path(index_page, proposal.pk)}" lang="uk">' in html
    assert '<p class="proposal-card__teaser" lang="uk">Wspólna baza tłumaczy dla urzędów i szkół.</p>' in html
    assert in_polish(Status.PUBLISHED.label) in html
    assert in_polish(ProposalArea.DAILY_LIFE.label) in html
    assert f"{in_polish(DimensionCode.LEGAL.label)}, {in_polish(DimensionCode.CULTURAL.label)}" in html
    assert "Czuby" in html
    assert "<strong>Zróbmy to teraz</strong> (" + in_polish(QUADRANT_MEANINGS[Quadrant.NOW]) + ")" in html
    assert '<dd lang="uk">Українська</dd>' in html
    assert re.search(r"<span>2 \w+</span>\s*<span>1 \w+</span>", html)
    # the threshold: explained at the top and shown on the card of an open proposal
    assert re.search(r'class="notice proposals-threshold">[^<\d]*5\D', html)
    assert re.search(r"2\D+5", html.split("proposal-card__threshold")[1])


def test_card_of_a_proposal_without_official_placement(client, index_page):
    ProposalFactory(index=index_page, title="Bez miejsca")
    html = get(client, index_page).content.decode()
    assert polish("not yet placed by the city") in html


def test_intro_navigation_and_closed_call(client, index_page):
    index_page.intro = [("paragraph", "<p>Napisz, co zmieniłoby Lublin.</p>")]
    index_page.save_revision().publish()
    html = get(client, index_page).content.decode()
    assert "Napisz, co zmieniłoby Lublin." in html
    assert f'href="{index_page.url}new/"' in html
    assert f'href="{index_page.url}matrix/"' in html
    assert f'href="{index_page.url}tracker/"' in html
    assert "proposals-closed" not in html

    index_page.accepting_proposals = False
    index_page.save_revision().publish()
    html = get(client, index_page).content.decode()
    assert "proposals-closed" in html
    assert f'href="{index_page.url}new/"' not in html


def test_working_group_name_is_shown_in_the_page_language(client, home_page, index_page, locales):
    groups = WorkingGroupIndexPageFactory(parent=home_page)
    group = WorkingGroupPageFactory(parent=groups, title="Edukacja")
    untranslated = WorkingGroupPageFactory(parent=groups, title="Czas wolny")
    ProposalFactory(index=index_page, working_group=group, title="Szkoła")
    ProposalFactory(index=index_page, working_group=untranslated, title="Sport")
    html = get(client, index_page).content.decode()
    assert f'<a href="{group.url}">Edukacja</a>' in html

    english_group = group.copy_for_translation(locales["en"], copy_parents=True)
    english_group.title = "Education"
    english_group.save_revision().publish()
    english_index = index_page.copy_for_translation(locales["en"], copy_parents=True)
    english_index.save_revision().publish()
    html = client.get(english_index.url).content.decode()
    assert f'<a href="{english_group.url}">Education</a>' in html
    assert "<dd>Czas wolny</dd>" in html  # no English version: the original name, without a link


# --- who sees what -----------------------------------------------------------------------------------


@pytest.fixture
def mixed(index_page, home_page, author):
    other_index = ProposalIndexPageFactory(parent=home_page, title="Inne propozycje", slug="inne")
    return {
        "public": ProposalFactory(index=index_page, title="Widoczna propozycja", author=author),
        "answered": ProposalFactory(index=index_page, title="Przyjęta propozycja", status=Status.ACCEPTED),
        "submitted": ProposalFactory(
            index=index_page, title="Czeka na moderację", status=Status.SUBMITTED, author=author
        ),
        "hidden": ProposalFactory(
            index=index_page, title="Ukryta propozycja", status=Status.HIDDEN, author=author
        ),
        "withdrawn": ProposalFactory(
            index=index_page, title="Wycofana propozycja", status=Status.WITHDRAWN, author=author
        ),
        "elsewhere": ProposalFactory(index=other_index, title="Propozycja z innego indeksu"),
    }


@pytest.mark.parametrize("role", ["visitor", "unverified_user", "resident", "author", "moderator", "editor"])
def test_everybody_sees_the_public_list_and_nobody_the_hidden(client, request, index_page, mixed, role):
    if role != "visitor":
        client.force_login(request.getfixturevalue(role))
    response = get(client, index_page)
    assert sorted(listed(response)) == ["Przyjęta propozycja", "Widoczna propozycja"]
    html = response.content.decode()
    for absent in ("Czeka na moderację", "Ukryta propozycja", "Propozycja z innego indeksu", "Wycofana"):
        assert absent not in html


def test_withdrawn_proposals_are_listed_when_asked_for(client, index_page, mixed):
    assert listed(get(client, index_page, status=Status.WITHDRAWN)) == ["Wycofana propozycja"]


def test_statuses_that_are_not_public_cannot_be_asked_for(client, index_page, mixed):
    for status in (Status.HIDDEN, Status.SUBMITTED):
        response = get(client, index_page, status=status)
        assert "Ukryta propozycja" not in response.content.decode()
        assert "Czeka na moderację" not in response.content.decode()
        assert response.context["filter"].errors


def test_a_translation_of_the_index_lists_the_same_proposals(client, index_page, mixed, locales):
    english = index_page.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    response = client.get(english.url)
    assert response.status_code == 200
    assert sorted(listed(response)) == ["Przyjęta propozycja", "Widoczna propozycja"]
    assert f'href="{english.url}{mixed["public"].pk}/"' in response.content.decode()


# --- filters and search ------------------------------------------------------------------------------


def test_filter_by_area(client, index_page):
    ProposalFactory(index=index_page, title="Kultura", area=ProposalArea.CULTURE)
    ProposalFactory(index=index_page, title="Polityka", area=ProposalArea.CITY_POLICY)
    assert listed(get(client, index_page, area=ProposalArea.CULTURE)) == ["Kultura"]


def test_filter_by_dimension_lists_a_proposal_once(client, index_page):
    legal, economic = Dimension.objects.get(code="legal"), Dimension.objects.get(code="economic")
    ProposalFactory(index=index_page, title="Prawna i ekonomiczna", dimensions=[legal, economic])
    ProposalFactory(index=index_page, title="Tylko ekonomiczna", dimensions=[economic])
    ProposalFactory(index=index_page, title="Bez wymiaru")
    assert listed(get(client, index_page, dimension="legal")) == ["Prawna i ekonomiczna"]
    assert sorted(listed(get(client, index_page, dimension="economic"))) == [
        "Prawna i ekonomiczna",
        "Tylko ekonomiczna",
    ]


def test_filter_by_status(client, index_page):
    ProposalFactory(index=index_page, title="Opublikowana")
    ProposalFactory(index=index_page, title="W realizacji", status=Status.IN_PROGRESS)
    assert listed(get(client, index_page, status=Status.IN_PROGRESS)) == ["W realizacji"]


@pytest.mark.parametrize(
    ("quadrant", "expected"),
    [("now", "Teraz"), ("wow", "Wow"), ("pow", "Pow"), ("how", "Jak")],
)
def test_filter_by_quadrant_uses_the_index_threshold(client, index_page, quadrant, expected):
    index_page.matrix_high_from = Decimal("4.0")
    index_page.save_revision().publish()
    ProposalFactory(index=index_page, title="Teraz", official_impact=4, official_ease=4)
    ProposalFactory(index=index_page, title="Wow", official_impact=5, official_ease=3)
    ProposalFactory(index=index_page, title="Pow", official_impact=3, official_ease=5)
    ProposalFactory(index=index_page, title="Jak", official_impact=3, official_ease=3)
    ProposalFactory(index=index_page, title="Nie umieszczona")
    assert listed(get(client, index_page, quadrant=quadrant)) == [expected]


def test_quadrant_choices_use_the_index_labels(client, index_page):
    index_page.how_label = "Może kiedyś"
    index_page.save_revision().publish()
    html = get(client, index_page).content.decode()
    assert f"Może kiedyś: {in_polish(QUADRANT_MEANINGS[Quadrant.HOW])}" in html


def test_filter_by_working_group_matches_every_translation(client, home_page, index_page, locales):
    groups = WorkingGroupIndexPageFactory(parent=home_page)
    education = WorkingGroupPageFactory(parent=groups, title="Edukacja")
    leisure = WorkingGroupPageFactory(parent=groups, title="Czas wolny")
    english_education = education.copy_for_translation(locales["en"], copy_parents=True)
    english_education.save_revision().publish()
    ProposalFactory(index=index_page, title="Szkoła", working_group=education)
    ProposalFactory(index=index_page, title="School", working_group=english_education)
    ProposalFactory(index=index_page, title="Sport", working_group=leisure)
    ProposalFactory(index=index_page, title="Bez grupy")
    html = get(client, index_page).content.decode()
    assert f'<option value="{education.pk}">Edukacja</option>' in html
    assert str(english_education.pk) not in re.findall(r'<option value="(\d+)"', html)
    assert sorted(listed(get(client, index_page, working_group=education.pk))) == ["School", "Szkoła"]
    assert listed(get(client, index_page, working_group=leisure.pk)) == ["Sport"]


def test_filter_by_consultation(client, home_page, index_page):
    consultations = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=consultations, title="Polityka integracji")
    ProposalFactory(index=index_page, title="Z konsultacji", consultation=consultation)
    ProposalFactory(index=index_page, title="Osobno")
    assert listed(get(client, index_page, consultation=consultation.pk)) == ["Z konsultacji"]


def test_filter_by_language(client, index_page):
    ProposalFactory(index=index_page, title="Po polsku", language="pl")
    ProposalFactory(index=index_page, title="Українською", language="uk")
    assert listed(get(client, index_page, language="uk")) == ["Українською"]


def test_search_in_title_and_text(client, index_page):
    ProposalFactory(index=index_page, title="Tandemy językowe", text="<p>Spotkania w bibliotece.</p>")
    ProposalFactory(index=index_page, title="Asystenci międzykulturowi", text="<p>W każdej SZKOLE.</p>")
    ProposalFactory(index=index_page, title="Rada migrantów", text="<p>Wybory co dwa lata.</p>")
    assert listed(get(client, index_page, q="tandem")) == ["Tandemy językowe"]
    assert listed(get(client, index_page, q="szkole")) == ["Asystenci międzykulturowi"]
    assert listed(get(client, index_page, q="nic takiego")) == []
    html = get(client, index_page, q="nic takiego").content.decode()
    assert polish("No proposal matches these filters.") in html


def test_filters_combine(client, index_page):
    ProposalFactory(index=index_page, title="A", area=ProposalArea.CULTURE, language="uk")
    ProposalFactory(index=index_page, title="B", area=ProposalArea.CULTURE, language="pl")
    ProposalFactory(index=index_page, title="C", area=ProposalArea.CITY_POLICY, language="uk")
    assert listed(get(client, index_page, area=ProposalArea.CULTURE, language="uk")) == ["A"]


def test_the_form_works_without_javascript(client, index_page):
    html = get(client, index_page).content.decode()
    form = html.split('class="filters proposal-filters"')[1].split("</form>")[0]
    assert f'<form class="filters proposal-filters" method="get" action="{index_page.url}">' in html
    for name in (
        "q",
        "area",
        "dimension",
        "status",
        "quadrant",
        "working_group",
        "consultation",
        "language",
        "sort",
    ):
        assert f'<label for="id_{name}">' in form
    assert '<button type="submit"' in form


def test_result_count_is_announced(client, index_page):
    ProposalFactory.create_batch(3, index=index_page)
    html = get(client, index_page).content.decode()
    assert re.search(r'<h2 id="results-heading">[^<\d]*3[^<\d]*</h2>', html)


# --- sorting -----------------------------------------------------------------------------------------


def test_newest_first_by_default(client, index_page):
    now = timezone.now()
    ProposalFactory(index=index_page, title="Starsza", created_at=now - datetime.timedelta(days=2))
    ProposalFactory(index=index_page, title="Nowsza", created_at=now - datetime.timedelta(days=1))
    ProposalFactory(index=index_page, title="Najnowsza", created_at=now)
    assert listed(get(client, index_page)) == ["Najnowsza", "Nowsza", "Starsza"]
    assert listed(get(client, index_page, sort="newest")) == ["Najnowsza", "Nowsza", "Starsza"]


def test_most_supported_first(client, index_page):
    little = ProposalFactory(index=index_page, title="Jedno poparcie")
    much = ProposalFactory(index=index_page, title="Trzy poparcia")
    ProposalFactory(index=index_page, title="Bez poparcia")
    SupportFactory(proposal=little)
    SupportFactory.create_batch(3, proposal=much)
    assert listed(get(client, index_page, sort="supported")) == [
        "Trzy poparcia",
        "Jedno poparcie",
        "Bez poparcia",
    ]


def test_most_discussed_first(client, index_page):
    quiet = ProposalFactory(index=index_page, title="Cicha")
    busy = ProposalFactory(index=index_page, title="Gorąca")
    ProposalFactory(index=index_page, title="Bez komentarzy")
    for proposal, count in ((quiet, 1), (busy, 4)):
        for number in range(count):
            Comment.objects.create(target=proposal, text=f"Komentarz {number}", language="pl")
    SupportFactory.create_batch(5, proposal=quiet)
    assert listed(get(client, index_page, sort="discussed")) == ["Gorąca", "Cicha", "Bez komentarzy"]


def _bulk_proposals(index_page, count, **fields):
    author = UserFactory()
    now = timezone.now()
    Proposal.objects.bulk_create(
        Proposal(
            index_key=index_page.translation_key,
            author=author,
            title=f"Masowa {number:05d}",
            text="<p>Tekst</p>",
            area=ProposalArea.CULTURE,
            language="pl",
            status=Status.PUBLISHED,
            created_at=now - datetime.timedelta(minutes=number),
            **fields,
        )
        for number in range(count)
    )


def test_random_order_is_stable_across_pages(client, index_page):
    _bulk_proposals(index_page, 80)
    seed = 12345
    first = listed(get(client, index_page, sort="random", seed=seed))
    second = listed(get(client, index_page, sort="random", seed=seed, page=2))
    assert len(first) == LIST_PAGE_SIZE and len(second) == 30
    assert not set(first) & set(second)
    assert set(first) | set(second) == {f"Masowa {number:05d}" for number in range(80)}
    # the same seed gives the same order again; another seed another order; neither is the newest order
    assert listed(get(client, index_page, sort="random", seed=seed)) == first
    assert listed(get(client, index_page, sort="random", seed=seed + 1)) != first
    assert first != listed(get(client, index_page))[:LIST_PAGE_SIZE]


def test_random_order_without_a_seed_gets_one_that_the_pages_keep(client, index_page):
    _bulk_proposals(index_page, 60)
    response = get(client, index_page, sort="random")
    html = response.content.decode()
    seed = int(re.search(r'name="seed" value="(\d+)"', html).group(1))
    assert 1 <= seed < RANDOM_PRIME
    next_link = re.search(r'href="\?page=2&amp;([^"]+)" rel="next"', html).group(1)
    assert f"seed={seed}" in next_link and "sort=random" in next_link
    second = client.get(index_page.url + "?page=2&" + next_link.replace("&amp;", "&"))
    assert not set(listed(response)) & set(listed(second))
    assert len(set(listed(response)) | set(listed(second))) == 60


def test_an_invalid_seed_is_replaced(client, index_page):
    _bulk_proposals(index_page, 3)
    response = get(client, index_page, sort="random", seed="abc")
    assert len(listed(response)) == 3
    assert re.search(r'name="seed" value="\d+"', response.content.decode())


# --- pagination --------------------------------------------------------------------------------------


def test_fifty_a_page_and_the_links_keep_the_filters(client, index_page):
    _bulk_proposals(index_page, 120)
    ProposalFactory(index=index_page, title="Inny obszar", area=ProposalArea.CITY_POLICY)
    response = get(client, index_page, area=ProposalArea.CULTURE)
    assert len(listed(response)) == LIST_PAGE_SIZE
    html = response.content.decode()
    assert re.search(r'<h2 id="results-heading">[^<\d]*120[^<\d]*</h2>', html)
    assert 'href="?page=2&amp;area=culture"' in html
    third = get(client, index_page, area=ProposalArea.CULTURE, page=3)
    assert len(listed(third)) == 20
    assert 'href="?page=2&amp;area=culture" rel="prev"' in third.content.decode()
    pages = [listed(get(client, index_page, area=ProposalArea.CULTURE, page=n)) for n in (1, 2, 3)]
    assert len({title for page in pages for title in page}) == 120


# --- query budget ------------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def _add_rich_data(index_page, groups, count):
    """`count` proposals with dimensions, working groups, supports and comments, in bulk."""
    last = Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    _bulk_proposals(index_page, count, official_impact=4, official_ease=2)
    proposals = list(Proposal.objects.filter(pk__gt=last).order_by("pk"))
    assert len(proposals) == count
    dimensions = list(Dimension.objects.all())
    through = Proposal.dimensions.through
    through.objects.bulk_create(
        through(proposal_id=proposal.pk, dimension_id=dimensions[number % 5].pk)
        for number, proposal in enumerate(proposals)
    )
    for number, proposal in enumerate(proposals):
        proposal.working_group = groups[number % len(groups)]
    Proposal.objects.bulk_update(proposals, ["working_group"])
    supporter = UserFactory()
    Support.objects.bulk_create(Support(proposal=proposal, user=supporter) for proposal in proposals[::3])
    Comment.objects.bulk_create(
        Comment(target=proposal, text="k", language="pl") for proposal in proposals[::2]
    )


@pytest.mark.parametrize(
    "params", ["", "?sort=supported", "?sort=random&seed=7", "?area=culture&dimension=legal"]
)
def test_list_queries_do_not_grow_with_the_number_of_proposals(
    client, home_page, index_page, params, django_assert_max_num_queries
):
    groups_index = WorkingGroupIndexPageFactory(parent=home_page)
    groups = [WorkingGroupPageFactory(parent=groups_index, title=f"Grupa {n}") for n in range(3)]
    client.force_login(UserFactory())
    _add_rich_data(index_page, groups, 10)
    few, response = _queries(client, index_page.url + params)
    assert listed(response)
    _add_rich_data(index_page, groups, 4990)
    assert Proposal.objects.filter(index_key=index_page.translation_key).count() == 5000
    many, response = _queries(client, index_page.url + params)
    assert len(listed(response)) == LIST_PAGE_SIZE
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(index_page.url + params)
