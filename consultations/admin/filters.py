"""Filters and search for the analysts' list of a consultation's answers (django-filter).

Every filter that looks through a many-to-many relation uses a subquery (`pk__in`), so an answer
appears once however many of its comments, tags or dimensions match."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from citysite.participation.models import AnalysisTag, Comment, Dimension, TaggedRecord

from ..models import Answer, Channel, DraftSection

AnswerComment = Answer.comments.through
AnswerDimension = Answer.dimensions.through


def _answers_with_comments(comments) -> Q:
    return Q(pk__in=AnswerComment.objects.filter(comment__in=comments).values("answer_id"))


class AnswerFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All"), widget=forms.RadioSelect
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Channel.choices, empty_label=_("All"), widget=forms.RadioSelect
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Commented on section"),
        queryset=DraftSection.objects.none(),
        method="filter_section",
    )
    # A tag or a dimension matches when it labels the answer or one of its comments.
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        queryset=AnalysisTag.objects.order_by("name"),
        to_field_name="slug",
        method="filter_tag",
    )
    dimension = django_filters.ModelChoiceFilter(
        label=_("Integration dimension"),
        queryset=Dimension.objects.all(),
        to_field_name="code",
        method="filter_dimension",
    )
    submitted = django_filters.DateFromToRangeFilter(
        label=_("Submitted between"), field_name="submitted_at", widget=DateRangePickerWidget
    )
    organisation = django_filters.ChoiceFilter(
        label=_("Participation codes of organisation"), choices=(), empty_label=_("All")
    )

    class Meta:
        model = Answer
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, consultation_key=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["section"].queryset = DraftSection.objects.filter(
            consultation_key=consultation_key
        ).order_by("position", "pk")
        organisations = (
            Answer.objects.filter(consultation_key=consultation_key)
            .exclude(organisation="")
            .order_by("organisation")
            .values_list("organisation", flat=True)
            .distinct()
        )
        self.filters["organisation"].extra["choices"] = [(name, name) for name in organisations]

    def filter_section(self, queryset, name, section):
        comments = Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(DraftSection), target_id=section.pk
        )
        return queryset.filter(_answers_with_comments(comments))

    def filter_tag(self, queryset, name, tag):
        def tagged(model):
            return TaggedRecord.objects.filter(
                tag=tag, content_type=ContentType.objects.get_for_model(model)
            ).values("object_id")

        return queryset.filter(
            Q(pk__in=tagged(Answer)) | _answers_with_comments(Comment.objects.filter(pk__in=tagged(Comment)))
        )

    def filter_dimension(self, queryset, name, dimension):
        return queryset.filter(
            Q(pk__in=AnswerDimension.objects.filter(dimension=dimension).values("answer_id"))
            | _answers_with_comments(Comment.objects.filter(dimensions=dimension))
        )


def search_answers(queryset, term: str, questions):
    """Answers whose free-text responses or section comments contain `term`.

    Answers are plain models, not pages, and their text sits in a JSON field, which Wagtail search
    does not index; a case-insensitive `icontains` on each free-text question's key and on the
    comments works the same on SQLite and PostgreSQL and is quick enough for a consultation's few
    thousand answers. (SQLite compares case-insensitively only for ASCII letters; PostgreSQL, used
    in production, does so for every alphabet.)"""
    term = term.strip()
    if not term:
        return queryset
    query = _answers_with_comments(Comment.objects.filter(text__icontains=term))
    for question in questions:
        if question.is_free_text:
            query |= Q(**{f"responses__{question.id}__icontains": term})
    return queryset.filter(query)
