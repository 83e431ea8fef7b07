"""Every proposal, for city staff (`proposals.answer_proposal`), with filters, linking to each
proposal's public page, where staff answer it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

from citysite.access import RuleRequiredMixin

from ..comment_places import index_pages_by_key
from ..models import DEFAULT_HIGH_FROM, Proposal
from .filters import StaffProposalFilterSet

LIST_PER_PAGE = 50


def attach_places(request, proposals) -> None:
    """Sets `index_page` (in the admin's language where translated, else None when the index is gone or
    unpublished) and `public_url` on each proposal, with one query for all of them."""
    pages = index_pages_by_key({proposal.index_key for proposal in proposals}, get_language())
    for proposal in proposals:
        page = pages.get(proposal.index_key)
        proposal.index_page = page
        proposal.public_url = (
            page.get_url(request) + page.reverse_subpage("detail_view", args=(proposal.pk,)) if page else None
        )


def _date(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class ProposalListView(RuleRequiredMixin, BaseListingView):
    required_rule = "proposals.answer_proposal"
    page_title = gettext_lazy("Proposals")
    header_icon = "list-ul"
    paginate_by = LIST_PER_PAGE
    filterset_class = StaffProposalFilterSet
    is_searchable = True
    search_fields = ["title"]
    search_backend_name = None
    default_ordering = "-created_at"
    index_url_name = "proposals_admin:index"
    index_results_url_name = "proposals_admin:index_results"
    verbose_name_plural = gettext_lazy("proposals")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Proposal"),
                accessor=lambda proposal: f"#{proposal.pk} {proposal.title}",
                get_url=lambda proposal: proposal.public_url,
            ),
            Column(
                "index",
                label=_("Proposals index"),
                accessor=lambda proposal: proposal.index_page.title if proposal.index_page else "",
            ),
            Column("area", label=_("Area"), accessor="get_area_display"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            NumberColumn("support_count", label=_("Supports"), sort_key="support_count"),
            NumberColumn("comment_count", label=_("Comments"), sort_key="comment_count"),
            Column("placement", label=_("Official placement"), accessor=self.placement),
            Column("author", label=_("Author"), accessor=lambda proposal: proposal.author or ""),
            Column(
                "created_at",
                label=_("Written"),
                accessor=lambda proposal: _date(proposal.created_at),
                sort_key="created_at",
            ),
        ]

    @staticmethod
    def placement(proposal) -> str:
        high_from = proposal.index_page.matrix_high_from if proposal.index_page else DEFAULT_HIGH_FROM
        quadrant = proposal.official_quadrant(high_from)
        if quadrant is None:
            return ""
        label = proposal.index_page.quadrant_label(quadrant) if proposal.index_page else quadrant.label
        return _("%(quadrant)s (impact %(impact)s, ease %(ease)s)") % {
            "quadrant": label,
            "impact": proposal.official_impact,
            "ease": proposal.official_ease,
        }

    def get_base_queryset(self):
        return Proposal.objects.with_counts().select_related("author")

    def order_queryset(self, queryset):
        tie_break = "-pk" if self.ordering.startswith("-") else "pk"
        return queryset.order_by(self.ordering, tie_break)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = list(page.object_list)
        attach_places(self.request, page.object_list)
        return paginator, page, page.object_list, is_paginated
