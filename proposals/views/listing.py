"""The public list of a proposals index: filters, search, sorting and pagination."""

from django.template.response import TemplateResponse
from django.utils.text import Truncator

from citysite.pagination import paginate
from consultations.models import ConsultationPage
from home.models import WorkingGroupPage

from ..filters import PublicProposalFilterSet, Sort, is_valid_seed, new_seed
from ..text import plain_text
from .index_pages import describe, index_page_context, live_pages, with_group_names

LIST_PAGE_SIZE = 50
TEASER_LENGTH = 220


def proposal_list(request, index_page):
    data = request.GET.copy()
    data.pop("page", None)
    if data.get("sort") == Sort.RANDOM and not is_valid_seed(data.get("seed")):
        data["seed"] = str(new_seed())
    groups = live_pages(WorkingGroupPage, index_page)
    consultations = live_pages(ConsultationPage, index_page)
    proposals = with_group_names(index_page.proposals().public().with_counts().prefetch_related("dimensions"))
    proposal_filter = PublicProposalFilterSet(
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
        describe(proposal, index_page, groups, index_url)
        proposal.teaser = Truncator(plain_text(proposal.text)).chars(TEASER_LENGTH)
    is_filtered = any(value for name, value in data.items() if name not in ("sort", "seed"))
    context = index_page_context(
        request,
        index_page,
        "list",
        filter=proposal_filter,
        proposals=page_of_proposals,
        query_string=data.urlencode(),
        is_filtered=is_filtered,
    )
    return TemplateResponse(request, index_page.get_template(request), context)
