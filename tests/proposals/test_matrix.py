"""The HOW-WOW-POW-NOW matrix of a proposals index: the geometry (pure functions) and the page: an SVG
with a link per proposal, the crowd's medians as a second layer, the same data as tables, who may see
it, and a query count that does not grow with the number of proposals."""

import itertools
import math
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citysite.accounts.factories import UserFactory
from proposals import matrix as geometry
from proposals.factories import PlacementFactory, ProposalFactory, ProposalIndexPageFactory
from proposals.models import QUADRANT_MEANINGS, Placement, Proposal, ProposalArea, Quadrant, Status
from tests.i18n import polish


def in_polish(label) -> str:
    """A model's translatable label (choices, meanings) as a Polish page shows it."""
    with translation.override("pl"):
        return str(label)


class Item:
    def __init__(self, pk):
        self.pk = pk


def label_of(quadrant):
    return quadrant.label


# --- geometry ----------------------------------------------------------------------------------------


def test_scores_map_to_cell_centres_with_impact_upwards():
    assert geometry.x_of(1) < geometry.x_of(2) < geometry.x_of(5)
    assert geometry.y_of(1) > geometry.y_of(2) > geometry.y_of(5)
    assert geometry.x_of(2) - geometry.x_of(1) == geometry.CELL
    assert geometry.x_of(0.5) == geometry.LEFT
    assert geometry.y_of(5.5) == geometry.TOP + geometry.BAND
    assert geometry.x_of(5.5) <= geometry.WIDTH and geometry.y_of(0.5) <= geometry.HEIGHT


@pytest.mark.parametrize(
    ("high_from", "line"),
    [
        (Decimal("3.0"), 2.5),
        (Decimal("2.5"), 2.5),
        (Decimal("2.7"), 2.5),
        (Decimal("4.0"), 3.5),
        (5, 4.5),
        (1, 0.5),
    ],
)
def test_threshold_line_falls_between_low_and_high_whole_scores(high_from, line):
    assert geometry.boundary(high_from) == line
    for score in range(1, 6):
        is_high = score >= high_from
        assert (score > line) == is_high


def test_regions_are_labelled_and_placed_by_quadrant():
    regions = {region.quadrant: region for region in geometry.regions(Decimal("3.0"), label_of)}
    assert set(regions) == set(Quadrant)
    now, wow, pow_, how = (regions[q] for q in (Quadrant.NOW, Quadrant.WOW, Quadrant.POW, Quadrant.HOW))
    # NOW: high impact (top) and easy (right); HOW: bottom left
    assert now.x > wow.x and now.y < pow_.y
    assert how.x == wow.x and how.y == pow_.y
    # three whole scores are high, two low; the shading reaches into the band where the name is
    assert now.width == 3 * geometry.CELL and now.height == 3 * geometry.CELL + geometry.BAND
    assert how.width == 2 * geometry.CELL and how.height == 2 * geometry.CELL + geometry.BAND
    assert now.label == "NOW" and now.meaning == str(QUADRANT_MEANINGS[Quadrant.NOW])
    assert now.anchor == "end" and how.anchor == "start"


def test_a_threshold_of_one_leaves_only_the_high_and_easy_quadrant():
    assert [region.quadrant for region in geometry.regions(1, label_of)] == [Quadrant.NOW]


def _overlap(markers):
    for a, b in itertools.combinations(markers, 2):
        if math.dist((a.x, a.y), (b.x, b.y)) < a.radius + b.radius:
            return (a.item.pk, b.item.pk)
    return None


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 12, 30, 60])
def test_proposals_on_one_cell_are_spread_without_overlapping(count):
    items = [(Item(pk), 4, 2) for pk in range(count)]
    markers = geometry.spread(items, Decimal("3.0"))
    assert len(markers) == count
    assert _overlap(markers) is None
    # all of them stay within their cell
    for marker in markers:
        assert abs(marker.x - geometry.x_of(2)) + marker.radius <= geometry.CELL / 2
        assert abs(marker.y - geometry.y_of(4)) + marker.radius <= geometry.CELL / 2


def test_spreading_is_deterministic_and_ordered_by_key():
    items = [(Item(pk), 3, 3) for pk in (9, 2, 5)]
    first = [(m.item.pk, m.x, m.y) for m in geometry.spread(items, 3)]
    again = [(m.item.pk, m.x, m.y) for m in geometry.spread(list(reversed(items)), 3)]
    assert first == again
    assert [pk for pk, _x, _y in first] == [2, 5, 9]


def test_a_single_proposal_sits_on_its_cell_centre():
    (marker,) = geometry.spread([(Item(1), 5, 1)], 3)
    assert (marker.x, marker.y) == (geometry.x_of(1), geometry.y_of(5))
    assert marker.radius == geometry.RADIUS


@pytest.mark.parametrize("count", [1, 2, 5])
@pytest.mark.parametrize("half", [None, "left", "right"])
def test_a_crowd_median_on_the_threshold_is_drawn_on_its_own_side(count, half):
    line = geometry.boundary(Decimal("3.0"))
    items = [(Item(pk), 2.5, 2.5) for pk in range(count)]
    # with "high from 3", a median of 2.5 is low: wholly below and left of the line
    for marker in geometry.spread(items, Decimal("3.0"), half=half):
        assert marker.x + marker.radius < geometry.x_of(line)
        assert marker.y - marker.radius > geometry.y_of(line)
    # with "high from 2.5", the same median is high: wholly above and right of it
    for marker in geometry.spread(items, Decimal("2.5"), half=half):
        assert marker.x - marker.radius > geometry.x_of(line)
        assert marker.y + marker.radius < geometry.y_of(line)


def test_a_median_between_two_other_cells_stays_on_the_border():
    (marker,) = geometry.spread([(Item(1), 4.5, 1.5)], 3, half="right")
    assert (marker.x, marker.y) == (geometry.x_of(1.5), geometry.y_of(4.5))


def test_both_layers_do_not_cover_each_other():
    picture = geometry.build(
        3, label_of, official=[(Item(1), 4, 4)], crowd=[(Item(1), 4, 4)], both_layers=True
    )
    official, crowd = picture.official[0], picture.crowd[0]
    assert official.x + official.radius <= geometry.x_of(4) <= crowd.x - crowd.radius
    assert official.y == crowd.y == geometry.y_of(4)


@pytest.mark.parametrize("count", [2, 5, 9, 20])
def test_markers_kept_to_half_a_cell_do_not_overlap(count):
    markers = geometry.spread([(Item(pk), 2, 2) for pk in range(count)], 3, half="right")
    assert _overlap(markers) is None
    for marker in markers:
        assert marker.x - marker.radius >= geometry.x_of(2)
        assert marker.x + marker.radius <= geometry.x_of(2.5)


def test_quadrant_names_sit_in_bands_outside_the_grid():
    picture = geometry.build(3, label_of)
    for region in picture.regions:
        inside_grid = picture.top <= region.text_y - 20 and region.meaning_y <= picture.bottom
        assert not inside_grid
        assert picture.region_top < region.text_y < region.meaning_y < picture.region_bottom


# --- the page ----------------------------------------------------------------------------------------


@pytest.fixture
def index_page(home_page):
    return ProposalIndexPageFactory(parent=home_page, title="Propozycje")


def matrix_url(index_page):
    return index_page.url + "matrix/"


def svg_of(html):
    return html.split('<svg class="matrix"')[1].split("</svg>")[0]


def table_rows(html, caption_id):
    table = html.split(f'id="{caption_id}"')[1].split("</table>")[0]
    return re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]


@pytest.mark.django_db
def test_matrix_plots_placed_proposals_as_links(client, index_page):
    index_page.now_label = "Od razu"
    index_page.save_revision().publish()
    now = ProposalFactory(index=index_page, title="Tandemy językowe", official_impact=5, official_ease=4)
    how = ProposalFactory(index=index_page, title="Rada migrantów", official_impact=2, official_ease=1)
    response = client.get(matrix_url(index_page))
    assert response.status_code == 200
    html = response.content.decode()
    svg = svg_of(html)
    assert 'role="group" aria-labelledby="matrix-title" aria-describedby="matrix-desc"' in html
    assert '<title id="matrix-title">' in svg and '<desc id="matrix-desc">' in svg
    for proposal in (now, how):
        assert f'<a class="matrix__point" href="{index_page.url}{proposal.pk}/"' in svg
    # the accessible name of a point says what and where
    names = re.findall(
        r'<a class="matrix__point" href="[^"]+" aria-label="([^"]+)"><title>([^<]+)</title>', svg
    )
    assert len(names) == 2
    assert all(label == title for label, title in names)
    name = next(label for label, _title in names if "Tandemy" in label)
    assert "Od razu" in name and "5" in name and "4" in name
    # the point is drawn in the NOW cell
    point = re.search(
        rf'href="{index_page.url}{now.pk}/".*?<circle class="matrix__point-mark" cx="([\d.]+)" cy="([\d.]+)"',
        svg,
    )
    assert (float(point.group(1)), float(point.group(2))) == (geometry.x_of(4), geometry.y_of(5))
    # quadrants labelled with the index's labels and the meanings, and the threshold line drawn
    assert ">Od razu</text>" in svg and ">WOW</text>" in svg and ">HOW</text>" in svg
    assert in_polish(QUADRANT_MEANINGS[Quadrant.NOW]) in svg
    assert svg.count('class="matrix__threshold"') == 2
    assert f'x1="{geometry.x_of(2.5)}"' in svg


@pytest.mark.django_db
def test_matrix_table_gives_the_same_data(client, index_page):
    placed = ProposalFactory(
        index=index_page,
        title="Asystenci międzykulturowi",
        official_impact=4,
        official_ease=2,
        status=Status.ACCEPTED,
        language="uk",
    )
    for impact, ease in ((5, 5), (3, 4), (4, 4)):
        PlacementFactory(proposal=placed, impact=impact, ease=ease)
    html = client.get(matrix_url(index_page)).content.decode()
    (row,) = table_rows(html, "placed-caption")
    assert f'<a href="{index_page.url}{placed.pk}/" lang="uk">Asystenci międzykulturowi</a>' in row
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[0] == "4" and cells[1] == "2"
    assert "WOW" in cells[2] and in_polish(QUADRANT_MEANINGS[Quadrant.WOW]) in cells[2]
    assert cells[3] == "4" and cells[4] == "4" and cells[5] == "3"  # crowd medians and people
    assert in_polish(Status.ACCEPTED.label) in cells[6]


@pytest.mark.django_db
def test_table_lists_strongest_quadrant_first(client, index_page):
    ProposalFactory(index=index_page, title="Jak", official_impact=1, official_ease=1)
    ProposalFactory(index=index_page, title="Teraz", official_impact=5, official_ease=5)
    ProposalFactory(index=index_page, title="Pow", official_impact=2, official_ease=5)
    ProposalFactory(index=index_page, title="Wow", official_impact=5, official_ease=1)
    html = client.get(matrix_url(index_page)).content.decode()
    titles = [re.search(r">([^<]+)</a>", row).group(1) for row in table_rows(html, "placed-caption")]
    assert titles == ["Teraz", "Wow", "Pow", "Jak"]


@pytest.mark.django_db
def test_proposals_without_official_placement_are_listed_apart(client, index_page):
    ProposalFactory(index=index_page, title="Umieszczona", official_impact=3, official_ease=3)
    waiting = ProposalFactory(index=index_page, title="Czeka na miasto")
    PlacementFactory(proposal=waiting, impact=2, ease=5)
    html = client.get(matrix_url(index_page)).content.decode()
    assert polish("Not yet placed by the city") in html
    (row,) = table_rows(html, "unplaced-caption")
    assert "Czeka na miasto" in row
    assert "POW" in row  # the crowd's quadrant
    assert "Czeka na miasto" not in svg_of(html)  # no official point
    assert [re.search(r">([^<]+)</a>", r).group(1) for r in table_rows(html, "placed-caption")] == [
        "Umieszczona"
    ]


@pytest.mark.django_db
def test_crowd_layer_draws_hollow_markers(client, index_page):
    proposal = ProposalFactory(index=index_page, title="Baza wiedzy", official_impact=4, official_ease=4)
    crowd_only = ProposalFactory(index=index_page, title="Tylko mieszkańcy")
    PlacementFactory(proposal=proposal, impact=2, ease=3)
    PlacementFactory(proposal=proposal, impact=3, ease=3)
    PlacementFactory(proposal=crowd_only, impact=5, ease=5)

    official = svg_of(client.get(matrix_url(index_page)).content.decode())
    assert "matrix__point--crowd" not in official
    assert official.count('class="matrix__point"') == 1

    crowd = svg_of(client.get(matrix_url(index_page) + "?layer=crowd").content.decode())
    assert 'class="matrix__point"' not in crowd
    assert crowd.count("matrix__point matrix__point--crowd") == 2
    assert '<rect class="matrix__crowd-mark"' in crowd
    marker = re.search(
        rf'href="{index_page.url}{proposal.pk}/" aria-label="([^"]+)">.*?<rect class="matrix__crowd-mark" '
        r'x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"',
        crowd,
    )
    assert "2,5" in marker.group(1) and marker.group(1).endswith(" 3")  # localised: Polish decimal comma
    # the median impact 2.5 sits just below the "high from 3" line, in the ease-3 column
    centre_y = float(marker.group(3)) + float(marker.group(4)) / 2
    assert geometry.y_of(2.5) < centre_y < geometry.y_of(2)

    both = svg_of(client.get(matrix_url(index_page) + "?layer=both").content.decode())
    assert both.count('class="matrix__point"') == 1 and both.count("matrix__point--crowd") == 2


@pytest.mark.django_db
def test_layer_links_mark_the_current_one(client, index_page):
    html = client.get(matrix_url(index_page) + "?layer=nonsense").content.decode()
    assert re.search(r'href="\?layer=official" aria-current="true"', html)
    html = client.get(matrix_url(index_page) + "?layer=both").content.decode()
    assert re.search(r'href="\?layer=both" aria-current="true"', html)


@pytest.fixture
def mixed(index_page, home_page):
    other = ProposalIndexPageFactory(parent=home_page, title="Inne", slug="inne")
    placed = {"official_impact": 4, "official_ease": 4}
    return {
        "shown": ProposalFactory(index=index_page, title="Widoczna", **placed),
        "hidden": ProposalFactory(index=index_page, title="Ukryta", status=Status.HIDDEN, **placed),
        "submitted": ProposalFactory(index=index_page, title="Czekająca", status=Status.SUBMITTED, **placed),
        "withdrawn": ProposalFactory(index=index_page, title="Wycofana", status=Status.WITHDRAWN, **placed),
        "other": ProposalFactory(index=other, title="Z innego indeksu", **placed),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "unverified_user", "resident", "author", "moderator", "editor"])
def test_everybody_sees_the_matrix_and_nobody_the_hidden(client, request, index_page, mixed, role):
    if role == "author":
        client.force_login(mixed["hidden"].author)
    elif role != "visitor":
        client.force_login(request.getfixturevalue(role))
    for proposal in mixed.values():
        PlacementFactory(proposal=proposal, impact=1, ease=1)
    response = client.get(matrix_url(index_page) + "?layer=both")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Widoczna" in html
    for absent in ("Ukryta", "Czekająca", "Wycofana", "Z innego indeksu"):
        assert absent not in html


def _bulk(index_page, count, start):
    author = UserFactory()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            index_key=index_page.translation_key,
            author=author,
            title=f"Propozycja {start + number}",
            text="<p>Tekst</p>",
            area=ProposalArea.CULTURE,
            language="pl",
            status=Status.PUBLISHED,
            official_impact=(number % 5) + 1 if number % 4 else None,
            official_ease=(number * 3 % 5) + 1 if number % 4 else None,
        )
        for number in range(count)
    )
    proposals = list(Proposal.objects.filter(title__in=[p.title for p in proposals]))
    users = UserFactory.create_batch(3)
    Placement.objects.bulk_create(
        Placement(
            proposal=proposal, user=user, impact=(proposal.pk + n) % 5 + 1, ease=(proposal.pk * n) % 5 + 1
        )
        for proposal in proposals
        for n, user in enumerate(users)
    )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("layer", ["official", "both"])
def test_matrix_queries_do_not_grow_with_the_number_of_proposals(
    client, index_page, layer, django_assert_max_num_queries
):
    url = matrix_url(index_page) + f"?layer={layer}"
    _bulk(index_page, 10, 0)
    few, html = _queries(client, url)
    assert html.count('<a class="matrix__point" ') == 7  # three in four have an official placement
    _bulk(index_page, 290, 10)
    many, html = _queries(client, url)
    placed = Proposal.objects.filter(official_impact__isnull=False).count()
    assert placed == 224
    assert html.count('<a class="matrix__point" ') == placed
    if layer == "both":
        assert html.count('<a class="matrix__point matrix__point--crowd"') == 300
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(url)
