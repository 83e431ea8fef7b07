"""The accountability tracker of a proposals index: what became of the accepted proposals."""

from collections import defaultdict

from django.db.models import Prefetch
from django.template.response import TemplateResponse

from home.models import WorkingGroupPage

from ..models import TRACKED_STATUSES, ProgressUpdate, ProposalArea, Status, StatusChange
from .index_pages import describe, index_page_context, live_pages, with_group_names

TRACKED_ORDER = [Status.IN_PROGRESS, Status.ACCEPTED, Status.IMPLEMENTED]


def tracker(request, index_page):
    """Accepted proposals until they are implemented: grouped by working group (those without one
    last), then by area; each with its progress, its dated updates and who answered it."""
    groups = live_pages(WorkingGroupPage, index_page)
    proposals = with_group_names(
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
        describe(proposal, index_page, groups, index_url)
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
    context = index_page_context(
        request,
        index_page,
        "tracker",
        sections=sections,
        status_counts=[(Status(status).label, status, counts[status]) for status in TRACKED_ORDER],
        tracked_total=sum(counts.values()),
    )
    return TemplateResponse(request, "proposals/tracker.html", context)
