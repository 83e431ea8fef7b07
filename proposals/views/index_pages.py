"""What the public, read-only pages of a proposals index share: the list (listing.py), the
HOW-WOW-POW-NOW matrix (matrix.py) and the accountability tracker (tracker.py).

Each page runs a fixed number of SQL queries however many proposals there are: counts come as
subqueries (Proposal.objects.with_counts), dimensions, progress updates and status changes are
prefetched, working-group names come from one query for the index's language, and all crowd placements
of the index are read at once."""

from django.db.models import F

from ..models import QUADRANT_MEANINGS


def live_pages(model, index_page) -> dict:
    """{translation_key: page} of the live pages of `model` in the index page's language (one query)."""
    pages = model.objects.live().filter(locale_id=index_page.locale_id).order_by("title")
    return {page.translation_key: page for page in pages}


def with_group_names(queryset):
    """The working group's translation key and title come with the proposal (a join, not a query)."""
    return queryset.annotate(
        working_group_key=F("working_group__translation_key"),
        working_group_title=F("working_group__title"),
    )


def describe(proposal, index_page, groups, index_url):
    """Attach what the templates show about a proposal; no queries. `index_url` is the index page's
    URL, worked out once per request (the same path as comment_places.proposal_path gives)."""
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


def index_page_context(request, index_page, current, **extra):
    context = index_page.get_context(request)
    context.update({"page": index_page, "self": index_page, "current_view": current, **extra})
    return context
