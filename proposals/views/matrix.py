"""The HOW-WOW-POW-NOW matrix of a proposals index: the official placements, the residents' medians or
both, drawn by matrix.py."""

from collections import defaultdict

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import matrix as geometry
from ..models import Placement, Status, crowd_medians, quadrant_of
from .index_pages import describe, index_page_context

LAYERS = ("official", "crowd", "both")


def _crowd_by_proposal(index_page) -> dict:
    """{proposal pk: (median impact, median ease, number of people)} for the index, in one query."""
    pairs = defaultdict(list)
    placements = Placement.objects.filter(proposal__index_key=index_page.translation_key).values_list(
        "proposal_id", "impact", "ease"
    )
    for proposal_id, impact, ease in placements:
        pairs[proposal_id].append((impact, ease))
    return {pk: (*map(_whole, crowd_medians(values)), len(values)) for pk, values in pairs.items()}


def _whole(number):
    """3.0 shows as 3; 2.5 stays."""
    return int(number) if number == int(number) else number


def matrix(request, index_page):
    layer = request.GET.get("layer")
    if layer not in LAYERS:
        layer = "official"
    high_from = index_page.matrix_high_from
    proposals = list(
        index_page.proposals()
        .public()
        .exclude(status=Status.WITHDRAWN)
        .only(
            "pk", "title", "language", "status", "official_impact", "official_ease", "official_placement_by"
        )
        .order_by("title", "pk")
    )
    crowd = _crowd_by_proposal(index_page)
    index_url = index_page.get_url(request)
    for proposal in proposals:
        describe(proposal, index_page, {}, index_url)
        median = crowd.get(proposal.pk)
        proposal.crowd_impact, proposal.crowd_ease, proposal.crowd_count = median or (None, None, 0)
        proposal.crowd_quadrant = index_page.quadrant_label(
            quadrant_of(proposal.crowd_impact, proposal.crowd_ease, high_from)
        )
    placed = [p for p in proposals if p.quadrant is not None]
    placed.sort(
        key=lambda p: (geometry.quadrant_sort_key(p.official_impact, p.official_ease, high_from), p.title)
    )
    unplaced = [p for p in proposals if p.quadrant is None]
    crowded = [p for p in proposals if p.crowd_count]
    picture = geometry.build(
        high_from,
        index_page.quadrant_label,
        official=[(p, p.official_impact, p.official_ease) for p in placed] if layer != "crowd" else [],
        crowd=[(p, p.crowd_impact, p.crowd_ease) for p in crowded] if layer != "official" else [],
        both_layers=layer == "both",
    )
    context = index_page_context(
        request,
        index_page,
        "matrix",
        matrix=picture,
        layer=layer,
        layers=[
            ("official", _("Official placement")),
            ("crowd", _("Residents’ median")),
            ("both", _("Both")),
        ],
        placed=placed,
        unplaced=unplaced,
        crowd_total=len(crowded),
        quadrants=[
            {"label": region.label, "meaning": region.meaning, "quadrant": region.quadrant}
            for region in geometry.regions(high_from, index_page.quadrant_label)
        ],
    )
    return TemplateResponse(request, "proposals/matrix.html", context)
