"""The public, read-only pages of a proposals index: the list (filters, search, sorting, pagination),
the HOW-WOW-POW-NOW matrix and the accountability tracker.

Each page runs a fixed number of SQL queries however many proposals there are: counts come as
subqueries (Proposal.objects.with_counts), dimensions, progress updates and status changes are
prefetched, working-group names come from one query for the index's language, and all crowd placements
of the index are read at once."""

from collections import defaultdict

from django.db.models import F, Prefetch
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from home.models import WorkingGroupPage, paginate

from . import matrix as geometry
from .filters import ProposalFilterSet, Sort, is_valid_seed, new_seed
from .models import (
    QUADRANT_MEANINGS,
    TRACKED_STATUSES,
    Placement,
    ProgressUpdate,
    ProposalArea,
    Status,
    StatusChange,
    crowd_medians,
    quadrant_of,
)
from .text import plain_text

LIST_PAGE_SIZE = 50
TEASER_LENGTH = 220
LAYERS = ("official", "crowd", "both")


def _live_pages(model, index_page) -> dict:
    """{translation_key: page} of the live pages of `model` in the index page's language (one query)."""
    pages = model.objects.live().filter(locale_id=index_page.locale_id).order_by("title")
    return {page.translation_key: page for page in pages}


def _with_group_names(queryset):
    """The working group's translation key and title come with the proposal (a join, not a query)."""
    return queryset.annotate(
        working_group_key=F("working_group__translation_key"),
        working_group_title=F("working_group__title"),
    )


def _describe(proposal, index_page, groups, index_url):
    """Attach what the templates show about a proposal; no queries. `index_url` is the index page's
    URL, worked out once per request (the same path as places.proposal_path gives)."""
    proposal.detail_url = index_url + index_page.reverse_subpage("detail_view", args=(proposal.pk,))
    quadrant = proposal.official_quadrant(index_page.matrix_high_from)
    proposal.quadrant = quadrant
    proposal.quadrant_name = index_page.quadrant_label(quadrant)
    proposal.quadrant_meaning = QUADRANT_MEANINGS.get(quadrant, "")
    key = getattr(proposal, "working_group_key", None)
    proposal.group_page = groups.get(key) if key else None
    proposal.group_name = (
        proposal.group_page.title if proposal.group_page else getattr(proposal, "working_group_title", "")
    )
    return proposal


def _page_context(request, index_page, current, **extra):
    context = index_page.get_context(request)
    context.update({"page": index_page, "self": index_page, "current_view": current, **extra})
    return context


def proposal_list(request, index_page):
    data = request.GET.copy()
    data.pop("page", None)
    if data.get("sort") == Sort.RANDOM and not is_valid_seed(data.get("seed")):
        data["seed"] = str(new_seed())
    groups = _live_pages(WorkingGroupPage, index_page)
    consultations = _live_pages(ConsultationPage, index_page)
    proposals = _with_group_names(
        index_page.proposals().public().with_counts().prefetch_related("dimensions")
    )
    proposal_filter = ProposalFilterSet(
        data,
        queryset=proposals,
        index_page=index_page,
        working_groups=groups,
        consultations=consultations,
        request=request,
    )
    page_of_proposals = paginate(request, proposal_filter.qs, per_page=LIST_PAGE_SIZE)
    index_url = index_page.get_url(request)
    for proposal in page_of_proposals:
        _describe(proposal, index_page, groups, index_url)
        proposal.teaser = Truncator(plain_text(proposal.text)).chars(TEASER_LENGTH)
    is_filtered = any(value for name, value in data.items() if name not in ("sort", "seed"))
    context = _page_context(
        request,
        index_page,
        "list",
        filter=proposal_filter,
        proposals=page_of_proposals,
        query_string=data.urlencode(),
        is_filtered=is_filtered,
    )
    return TemplateResponse(request, index_page.get_template(request), context)


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
        _describe(proposal, index_page, {}, index_url)
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
    context = _page_context(
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


TRACKED_ORDER = [Status.IN_PROGRESS, Status.ACCEPTED, Status.IMPLEMENTED]


def tracker(request, index_page):
    """Accepted proposals until they are implemented: grouped by working group (those without one
    last), then by area; each with its progress, its dated updates and who answered it."""
    groups = _live_pages(WorkingGroupPage, index_page)
    proposals = _with_group_names(
        index_page.proposals()
        .filter(status__in=TRACKED_STATUSES)
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-published_on", "-pk"),
                to_attr="updates",
            ),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.order_by("changed_at", "pk"),
                to_attr="history",
            ),
        )
        .order_by("title", "pk")
    )
    by_group = defaultdict(lambda: defaultdict(list))
    counts = dict.fromkeys(TRACKED_ORDER, 0)
    index_url = index_page.get_url(request)
    for proposal in proposals:
        _describe(proposal, index_page, groups, index_url)
        acceptances = [change for change in proposal.history if change.to_status == Status.ACCEPTED]
        proposal.accepted_at = acceptances[-1].changed_at if acceptances else None
        bodies = [change.answering_body for change in proposal.history if change.answering_body]
        proposal.answering_body = bodies[-1] if bodies else ""
        # An implemented proposal is complete whatever its last update said.
        if proposal.status == Status.IMPLEMENTED:
            proposal.percent = 100
        else:
            proposal.percent = proposal.updates[0].percent if proposal.updates else None
        counts[proposal.status] += 1
        by_group[proposal.group_name or ""][proposal.area].append(proposal)

    area_order = {area.value: number for number, area in enumerate(ProposalArea)}
    status_order = {status: number for number, status in enumerate(TRACKED_ORDER)}
    sections = []
    for name in sorted(by_group, key=lambda name: (name == "", name.casefold())):
        areas = by_group[name]
        first = next(iter(next(iter(areas.values()))))
        sections.append(
            {
                "name": name,
                "page": first.group_page,
                "count": sum(len(items) for items in areas.values()),
                "areas": [
                    {
                        "label": ProposalArea(area).label,
                        "proposals": sorted(areas[area], key=lambda p: (status_order[p.status], p.title)),
                    }
                    for area in sorted(areas, key=lambda area: area_order.get(area, len(area_order)))
                ],
            }
        )
    context = _page_context(
        request,
        index_page,
        "tracker",
        sections=sections,
        status_counts=[(Status(status).label, status, counts[status]) for status in TRACKED_ORDER],
        tracked_total=sum(counts.values()),
    )
    return TemplateResponse(request, "proposals/tracker.html", context)
