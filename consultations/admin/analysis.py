"""The consultations to analyse, and one consultation's answers: a listing with filters (filters.py),
search, and for each answer an excerpt and its labels."""

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets.button import HeaderButton

from citysite.access import may
from citysite.participation.models import Comment
from citysite.participation.threads import comment_counts

from .. import exports
from ..models import Answer, DraftSection
from .common import (
    ANSWERS_PER_PAGE,
    AnalysisBreadcrumbsMixin,
    ConsultationMixin,
    PermissionRequiredMixin,
    consultations_by_key,
    short_datetime,
)
from .filters import AnswerFilterSet, search_answers

EXCERPT_WORDS = 30


class ConsultationListView(PermissionRequiredMixin, AnalysisBreadcrumbsMixin, BaseListingView):
    page_title = gettext_lazy("Consultation analysis")
    header_icon = "table"
    verbose_name_plural = gettext_lazy("consultations")

    def get_breadcrumbs_items(self):
        return self.analysis_breadcrumbs()[:1] + [{"url": "", "label": self.get_page_title()}]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Consultation"),
                get_url=lambda page: reverse("consultations_admin:answers", args=[page.translation_key]),
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("opens_at", label=_("Opens"), accessor=lambda page: short_datetime(page.opens_at)),
            Column("closes_at", label=_("Closes"), accessor=lambda page: short_datetime(page.closes_at)),
            NumberColumn("answer_count", label=_("Answers")),
            NumberColumn("comment_count", label=_("Section comments")),
        ]

    def get_queryset(self):
        pages = consultations_by_key()
        answers = dict(
            Answer.objects.filter(consultation_key__in=pages)
            .values("consultation_key")
            .annotate(total=Count("pk"))
            .values_list("consultation_key", "total")
        )
        sections = dict(
            DraftSection.objects.filter(consultation_key__in=pages).values_list("pk", "consultation_key")
        )
        comments = {}
        for section_id, total in comment_counts(DraftSection, sections).items():
            key = sections[section_id]
            comments[key] = comments.get(key, 0) + total
        for key, page in pages.items():
            page.answer_count = answers.get(key, 0)
            page.comment_count = comments.get(key, 0)
        return sorted(pages.values(), key=lambda page: page.opens_at, reverse=True)


class AnswerListView(ConsultationMixin, BaseListingView):
    paginate_by = ANSWERS_PER_PAGE
    filterset_class = AnswerFilterSet
    is_searchable = True
    default_ordering = "-submitted_at"
    header_icon = "table"
    verbose_name_plural = gettext_lazy("answers")

    def get_page_title(self):
        return self.page.title

    def get_page_subtitle(self):
        return _("Answers")

    def get_breadcrumbs_items(self):
        return self.analysis_breadcrumbs() + [
            {"url": "", "label": self.page.title, "sublabel": self.get_page_subtitle()}
        ]

    def get_header_buttons(self):
        buttons = [HeaderButton(_("Charts"), url=self.url("charts"), icon_name="view")]
        if may(self.request.user, "consultations.export_answers"):
            buttons.append(HeaderButton(_("Export"), url=self.url("export"), icon_name="download"))
        return buttons

    def get_index_url(self):
        return self.url("answers")

    def get_index_results_url(self):
        return self.url("answers_results")

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "consultation_key": self.page.translation_key}

    @cached_property
    def questions(self):
        return exports.questions_of(self.page)

    @cached_property
    def sections(self):
        return {section.pk: section for section in exports.sections_of(self.page.translation_key)}

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("Answer"),
                accessor=lambda answer: _("No. %(number)s") % {"number": answer.pk},
                get_url=lambda answer: self.url("answer", answer.pk),
                classname="w-whitespace-nowrap",
            ),
            Column(
                "submitted_at",
                label=_("Submitted"),
                accessor=lambda answer: short_datetime(answer.submitted_at),
                sort_key="submitted_at",
            ),
            Column("language", label=_("Language"), accessor="get_language_display"),
            Column("channel", label=_("Channel"), accessor="get_channel_display"),
            Column("excerpt", label=_("What they wrote"), accessor=self.excerpt),
            Column("labels", label=_("Dimensions and tags"), accessor=_labels),
        ]

    def excerpt(self, answer) -> str:
        responses = answer.responses if isinstance(answer.responses, dict) else {}
        parts = [str(responses[q.id]) for q in self.questions if q.is_free_text and responses.get(q.id)]
        for comment in answer.comments.all():
            section = self.sections.get(comment.target_id)
            parts.append(f"{section.heading}: {comment.text}" if section else comment.text)
        return Truncator(" · ".join(parts)).words(EXCERPT_WORDS)

    def get_base_queryset(self):
        return Answer.objects.filter(consultation_key=self.page.translation_key).prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.order_by("created_at", "pk").prefetch_related("dimensions", "tags"),
            ),
            "dimensions",
            "tags",
        )

    def order_queryset(self, queryset):
        # Answers entered together can share a time; the number keeps pages stable.
        tie_break = "-pk" if self.ordering.startswith("-") else "pk"
        return queryset.order_by(self.ordering, tie_break)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_answers(queryset, self.search_query, self.questions)


def _labels(answer) -> str:
    """The answer's and its comments' dimensions and tags, and whether anything is quoted."""
    dimensions, tags = {}, set()
    quoted = answer.quoted_in_report
    for item in [answer, *answer.comments.all()]:
        dimensions.update({dimension.pk: str(dimension) for dimension in item.dimensions.all()})
        tags.update(tag.name for tag in item.tags.all())
        quoted = quoted or item.quoted_in_report
    parts = [dimensions[pk] for pk in sorted(dimensions)] + sorted(tags)
    if quoted:
        parts.append(_("quoted in the report"))
    return ", ".join(parts)
