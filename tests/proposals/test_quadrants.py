"""The HOW-WOW-POW-NOW matrix: a proposal's quadrant is derived from its two scores, never stored; the
database filter gives the same answer as the Python rule at every point of the grid."""

import itertools
from decimal import Decimal

import pytest

from proposals.factories import ProposalFactory
from proposals.models import (
    DEFAULT_HIGH_FROM,
    QUADRANT_MEANINGS,
    SCORE_RANGE,
    Proposal,
    Quadrant,
    crowd_medians,
    quadrant_condition,
    quadrant_of,
)


@pytest.mark.parametrize(
    "impact, ease, quadrant",
    [
        (3, 3, Quadrant.NOW),  # the threshold itself counts as high
        (2.9, 3, Quadrant.POW),
        (3, 2.9, Quadrant.WOW),
        (2, 2, Quadrant.HOW),
        (5, 1, Quadrant.WOW),
        (1, 5, Quadrant.POW),
        (5, 5, Quadrant.NOW),
        (1, 1, Quadrant.HOW),
        (Decimal("2.99"), Decimal("3.00"), Quadrant.POW),
        (3.5, 2.5, Quadrant.WOW),  # a crowd median may fall between two scores
    ],
)
def test_quadrant_at_the_default_threshold(impact, ease, quadrant):
    assert Decimal("3.0") == DEFAULT_HIGH_FROM
    assert quadrant_of(impact, ease) == quadrant


@pytest.mark.parametrize("impact, ease", [(None, 3), (3, None), (None, None)])
def test_no_quadrant_without_both_scores(impact, ease):
    assert quadrant_of(impact, ease) is None


@pytest.mark.parametrize(
    "impact, ease, high_from, quadrant",
    [
        (4, 4, Decimal("4.0"), Quadrant.NOW),
        (3, 4, Decimal("4.0"), Quadrant.POW),
        (4, 3, Decimal("4.0"), Quadrant.WOW),
        (3, 3, Decimal("4.0"), Quadrant.HOW),
        (Decimal("3.9"), 5, Decimal("4.0"), Quadrant.POW),
        (3, 3, Decimal("2.5"), Quadrant.NOW),
        (2, 3, Decimal("2.5"), Quadrant.POW),
        (Decimal("2.5"), Decimal("2.5"), Decimal("2.5"), Quadrant.NOW),
        (Decimal("2.4"), 2, Decimal("2.5"), Quadrant.HOW),
        (3, 3, 3.5, Quadrant.HOW),  # a float threshold works as a Decimal one
        (4, 3, "3.5", Quadrant.WOW),
    ],
)
def test_quadrant_at_a_custom_threshold(impact, ease, high_from, quadrant):
    assert quadrant_of(impact, ease, high_from) == quadrant


def test_a_proposal_has_the_quadrant_of_its_official_placement():
    proposal = Proposal(official_impact=4, official_ease=2)

    assert proposal.official_quadrant() == Quadrant.WOW
    assert proposal.official_quadrant(Decimal("4.5")) == Quadrant.HOW
    assert Proposal(official_impact=4).official_quadrant() is None


@pytest.fixture
def grid(proposal_index):
    """One proposal at every point of the 5 × 5 grid, and one not placed."""
    proposals = {
        (impact, ease): ProposalFactory(index=proposal_index, official_impact=impact, official_ease=ease)
        for impact, ease in itertools.product(SCORE_RANGE, SCORE_RANGE)
    }
    ProposalFactory(index=proposal_index)
    ProposalFactory(index=proposal_index, official_impact=5)  # half placed: in no quadrant
    return proposals


@pytest.mark.parametrize("high_from", [Decimal("3.0"), Decimal("3.5"), Decimal("1.0"), Decimal("5.0"), 2.5])
def test_the_database_filter_agrees_with_the_python_rule(grid, high_from):
    assert len(grid) == 25
    placed = set()
    for quadrant in Quadrant:
        expected = {
            proposal.pk
            for (impact, ease), proposal in grid.items()
            if quadrant_of(impact, ease, high_from) == quadrant
        }
        in_database = set(Proposal.objects.in_quadrant(quadrant, high_from).values_list("pk", flat=True))
        assert in_database == expected, quadrant
        condition = quadrant_condition(quadrant, high_from)
        assert set(Proposal.objects.filter(condition).values_list("pk", flat=True)) == expected
        placed |= in_database
    assert placed == {proposal.pk for proposal in grid.values()}  # every placed proposal in exactly one


def test_the_quadrants_at_three_and_a_half_are_the_grid_split_at_four(grid):
    now = Proposal.objects.in_quadrant(Quadrant.NOW, Decimal("3.5"))

    assert sorted(now.values_list("official_impact", "official_ease")) == [(4, 4), (4, 5), (5, 4), (5, 5)]


def test_quadrant_labels_default_to_the_quadrant_names(proposal_index):
    assert [proposal_index.quadrant_label(quadrant) for quadrant in Quadrant] == ["NOW", "WOW", "POW", "HOW"]
    assert proposal_index.quadrant_label("wow") == "WOW"
    assert proposal_index.quadrant_label(None) == ""


def test_an_index_may_name_a_quadrant_its_own_way(proposal_index):
    proposal_index.now_label = "Zróbmy to teraz"
    proposal_index.how_label = "Do przemyślenia"

    assert proposal_index.quadrant_label(Quadrant.NOW) == "Zróbmy to teraz"
    assert proposal_index.quadrant_label("how") == "Do przemyślenia"
    assert proposal_index.quadrant_label(Quadrant.WOW) == "WOW"


def test_every_quadrant_has_a_meaning():
    assert set(QUADRANT_MEANINGS) == set(Quadrant)


@pytest.mark.parametrize(
    "placements, medians",
    [
        ([], None),
        ([(4, 2)], (4, 2)),
        ([(1, 5), (5, 1), (3, 3)], (3, 3)),  # odd: the middle value of each score on its own
        ([(1, 2), (2, 2), (5, 4)], (2, 2)),
        ([(1, 1), (4, 2)], (2.5, 1.5)),  # even: the mean of the two middle values
        ([(1, 5), (2, 4), (4, 2), (5, 1)], (3, 3)),
        ([(2, 1), (3, 1), (3, 5), (5, 5)], (3, 3)),
    ],
)
def test_crowd_medians(placements, medians):
    assert crowd_medians(placements) == medians
    assert crowd_medians(iter(placements)) == medians  # any iterable, e.g. values_list


def test_an_even_crowd_may_fall_between_quadrants_and_still_gets_one():
    medians = crowd_medians([(2, 2), (4, 4)])

    assert medians == (3, 3)
    assert quadrant_of(*medians) == Quadrant.NOW
    assert quadrant_of(*crowd_medians([(2, 2), (3, 3)])) == Quadrant.HOW  # 2.5 is below 3
