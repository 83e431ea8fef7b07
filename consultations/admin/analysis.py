"""Wagtail admin screens for consultation analysts (answers, tagging, charts, export) and for the
staff who hand out participation codes. Every view asks a permission from consultations/rules.py
before it looks anything up."""

import csv
import uuid

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from taggit.forms import TagField
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.models import Locale

from citysite import idempotency
from citysite.access import RuleRequiredMixin, may
from citysite.idempotency import TOKEN_FIELD, SubmissionTokenMixin
from citysite.participation.models import AnalysisTag, Comment, Dimension
from citysite.participation.threads import comment_counts
from citysite.receipts import commit

from . import exports
from .charts import MIN_GROUP_SIZE, consultation_charts
from .filters import AnswerFilterSet, search_answers
from .models import (
    Answer,
    ConsultationPage,
    DraftSection,
    ParticipationCode,
    ParticipationCodeBatch,
    new_participation_code,
)

ANSWERS_PER_PAGE = 50
EXCERPT_WORDS = 30
TAG_MAX_LENGTH = AnalysisTag._meta.get_field("name").max_length
CODES_PER_BATCH_MAX = 500
EXPORT_PERSONAL_DATA_ACTION = "consultations.export_personal_data"


def consultations_by_key(pages=None) -> dict:
    """Each consultation once, by translation key: its page in the default language, or else its
    first page in another language."""
    default_locale_id = Locale.get_default().pk
    chosen = {}
    for page in (pages if pages is not None else ConsultationPage.objects.all()).order_by("pk"):
        if page.translation_key not in chosen or page.locale_id == default_locale_id:
            chosen[page.translation_key] = page
    return chosen


def consultation_for_key(key) -> ConsultationPage:
    page = consultations_by_key(ConsultationPage.objects.filter(translation_key=key)).get(key)
    if page is None:
        raise Http404
    return page


class PreparedViewMixin:
    def dispatch(self, request, *args, **kwargs):
        self.prepare(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        """Looks up what the view is about, once the user may see it."""


class PermissionRequiredMixin(RuleRequiredMixin, PreparedViewMixin):
    """Refuses the request unless `required_rule` lets the user in, before anything else is looked up.
    Inside the Wagtail admin a refusal becomes a redirect to the dashboard with a message."""

    required_rule = "consultations.view_answers"


class AnalysisBreadcrumbsMixin:
    def analysis_breadcrumbs(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("consultations_admin:index"), "label": _("Consultation analysis")},
        ]


class ConsultationMixin(PermissionRequiredMixin, AnalysisBreadcrumbsMixin):
    """A view of one consultation, found by its translation key."""

    def prepare(self, **kwargs):
        self.page = consultation_for_key(kwargs["key"])

    def consultation_breadcrumbs(self):
        return self.analysis_breadcrumbs() + [
            {"url": self.url("answers"), "label": self.page.title},
        ]

    def url(self, name, *args):
        return reverse(f"consultations_admin:{name}", args=[self.page.translation_key, *args])

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)


# Consultations


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
            Column("opens_at", label=_("Opens"), accessor=lambda page: _datetime(page.opens_at)),
            Column("closes_at", label=_("Closes"), accessor=lambda page: _datetime(page.closes_at)),
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


def _datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


# Answers


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
                accessor=lambda answer: _datetime(answer.submitted_at),
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


class TaggingForm(forms.Form):
    """An analyst's labels on an answer or a section comment."""

    dimensions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Integration dimensions"),
        queryset=Dimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # A plain text field rather than Wagtail's tag widget, whose script adds an input without a label.
    tags = TagField(
        label=gettext_lazy("Tags"),
        help_text=gettext_lazy("Separate tags with commas, e.g.: housing, language courses"),
        required=False,
    )
    quoted_in_report = forms.BooleanField(label=gettext_lazy("Quote in the report"), required=False)

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        initial = {
            "dimensions": [dimension.pk for dimension in instance.dimensions.all()],
            "tags": list(instance.tags.all()),
            "quoted_in_report": instance.quoted_in_report,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            raise forms.ValidationError(
                _("A tag can be at most %(length)s characters long.") % {"length": TAG_MAX_LENGTH}
            )
        return tags

    def save(self):
        instance = self.instance
        instance.quoted_in_report = self.cleaned_data["quoted_in_report"]
        # Only the label changes: the answer's "last changed" time is the respondent's.
        type(instance).objects.filter(pk=instance.pk).update(quoted_in_report=instance.quoted_in_report)
        instance.dimensions.set(self.cleaned_data["dimensions"])
        instance.tags.set(self.cleaned_data["tags"])


class AnswerDetailView(ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/answer_detail.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not may(request.user, "consultations.tag_answers"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def answer(self):
        section_type = ContentType.objects.get_for_model(DraftSection)
        answers = Answer.objects.filter(consultation_key=self.page.translation_key).prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.filter(target_type=section_type)
                .order_by("created_at", "pk")
                .prefetch_related("dimensions", "tags"),
            ),
            "dimensions",
            "tags",
        )
        return get_object_or_404(answers.select_related("page__locale"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Answer no. %(number)s") % {"number": self.answer.pk}

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.consultation_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]

    def forms(self, data=None):
        answer_form = TaggingForm(data, instance=self.answer, prefix="answer")
        comment_forms = [
            TaggingForm(data, instance=comment, prefix=f"comment-{comment.pk}")
            for comment in self.answer.comments.all()
        ]
        return answer_form, comment_forms

    def get_context_data(self, **kwargs):
        answer = self.answer
        if "answer_form" not in kwargs:
            kwargs["answer_form"], kwargs["comment_forms"] = self.forms()
        sections = {section.pk: section for section in exports.sections_of(self.page.translation_key)}
        responses = answer.responses if isinstance(answer.responses, dict) else {}
        questions = exports.questions_of(self.page)
        known = {question.id for question in questions}
        rows = [
            {"label": question.label, "value": question.display(responses.get(question.id))}
            for question in questions
        ]
        rows += [
            {"label": _("A question no longer in the questionnaire"), "value": value}
            for question_id, value in responses.items()
            if question_id not in known
        ]
        comments = [
            {"comment": form.instance, "section": sections.get(form.instance.target_id), "form": form}
            for form in kwargs["comment_forms"]
        ]
        description = answer.self_description if isinstance(answer.self_description, dict) else {}
        return super().get_context_data(
            answer=answer,
            responses=rows,
            comments=comments,
            self_description=[
                {"label": label, "value": exports.self_description_value(key, description[key])}
                for key, label in exports.self_description_questions()
                if description.get(key) not in (None, "", [])
            ],
            submitted_at=_datetime(answer.submitted_at),
            updated_at=_datetime(answer.updated_at),
            may_tag=may(self.request.user, "consultations.tag_answers"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        answer_form, comment_forms = self.forms(request.POST)
        if not all([answer_form.is_valid(), *(form.is_valid() for form in comment_forms)]):
            messages.error(request, _("The tags could not be saved; please correct the errors below."))
            context = self.get_context_data(answer_form=answer_form, comment_forms=comment_forms)
            return self.render_to_response(context, status=400)
        with transaction.atomic():
            for form in [answer_form, *comment_forms]:
                form.save()
        messages.success(request, _("Tags of answer no. %(number)s saved.") % {"number": self.answer.pk})
        return redirect(self.url("answer", self.answer.pk))


# Charts


class ChartsView(ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/charts.html"
    header_icon = "view"

    def get_page_title(self):
        return _("Charts")

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.consultation_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            charts=consultation_charts(self.page), min_group_size=MIN_GROUP_SIZE, **kwargs
        )


# Export


class ExportForm(forms.Form):
    FORMATS = [("csv", gettext_lazy("CSV (comma-separated text)")), ("xlsx", gettext_lazy("Excel (XLSX)"))]

    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=FORMATS, initial="csv", widget=forms.RadioSelect
    )
    include_personal_data = forms.BooleanField(
        label=gettext_lazy("Include personal data (e-mail address, account number)"),
        help_text=gettext_lazy("Only when you need it. The export is then recorded in the audit log."),
        required=False,
    )


class ExportView(ConsultationMixin, WagtailAdminTemplateMixin, FormView):
    required_rule = "consultations.export_answers"
    template_name = "consultations/admin/export.html"
    form_class = ExportForm
    header_icon = "download"

    def get_page_title(self):
        return _("Export answers")

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.consultation_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            answer_count=Answer.objects.filter(consultation_key=self.page.translation_key).count(), **kwargs
        )

    def form_valid(self, form):
        file_format = form.cleaned_data["format"]
        personal = form.cleaned_data["include_personal_data"]
        if personal:
            log(
                instance=self.page,
                action=EXPORT_PERSONAL_DATA_ACTION,
                user=self.request.user,
                data={"format": file_format},
            )
        if file_format == "xlsx":
            return exports.xlsx_response(self.page, include_personal_data=personal)
        return exports.csv_response(self.page, include_personal_data=personal)


# Participation codes


class CodesPermissionMixin(PermissionRequiredMixin):
    required_rule = "consultations.manage_participation_codes"

    def codes_breadcrumbs(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("consultations_admin:code_batches"), "label": _("Participation codes")},
        ]


class DownloadLinkColumn(Column):
    cell_template_name = "consultations/admin/includes/code_batch_links_cell.html"

    def get_value(self, instance):
        return {
            "print": reverse("consultations_admin:code_batch", args=[instance.pk]),
            "csv": reverse("consultations_admin:code_batch_csv", args=[instance.pk]),
        }


class CodeBatchListView(CodesPermissionMixin, BaseListingView):
    page_title = gettext_lazy("Participation codes")
    header_icon = "key"
    paginate_by = ANSWERS_PER_PAGE
    verbose_name_plural = gettext_lazy("batches of participation codes")

    def get_breadcrumbs_items(self):
        return self.codes_breadcrumbs()[:1] + [{"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("New batch of codes"), url=reverse("consultations_admin:code_batch_new"), icon_name="plus"
            )
        ]

    def get_index_url(self):
        return reverse("consultations_admin:code_batches")

    @cached_property
    def consultations(self):
        return consultations_by_key()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "organisation",
                label=_("Organisation"),
                get_url=lambda batch: reverse("consultations_admin:code_batch", args=[batch.pk]),
            ),
            Column("consultation", label=_("Consultation"), accessor=self.consultation_title),
            Column("created_at", label=_("Created"), accessor=lambda batch: _datetime(batch.created_at)),
            NumberColumn("total", label=_("Codes")),
            NumberColumn("used", label=_("Used")),
            NumberColumn("unused", label=_("Not used yet")),
            DownloadLinkColumn("download", label=_("List of codes")),
        ]

    def consultation_title(self, batch) -> str:
        page = self.consultations.get(batch.consultation_key)
        return page.title if page else _("(deleted consultation)")

    def get_base_queryset(self):
        return ParticipationCodeBatch.objects.annotate(
            total=Count("codes"),
            used=Count("codes", filter=Q(codes__used_at__isnull=False)),
            unused=Count("codes", filter=Q(codes__used_at__isnull=True)),
        ).order_by("-created_at", "-pk")


class CodeBatchForm(SubmissionTokenMixin, forms.Form):
    consultation = forms.TypedChoiceField(label=gettext_lazy("Consultation"), coerce=uuid.UUID)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation handing out the codes"),
        max_length=ParticipationCodeBatch._meta.get_field("organisation").max_length,
        help_text=gettext_lazy("Answers given with these codes show this name. Nobody's name is recorded."),
    )
    count = forms.IntegerField(
        label=gettext_lazy("Number of codes"), min_value=1, max_value=CODES_PER_BATCH_MAX, initial=20
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        self.fields["consultation"].choices = [
            (key, page.title)
            for key, page in sorted(consultations_by_key().items(), key=lambda item: item[1].title)
            if page.closes_at > now
        ]
        self.fields["consultation"].error_messages["invalid_choice"] = _(
            "Choose a consultation that has not closed yet."
        )

    @transaction.atomic
    def save(self, user) -> ParticipationCodeBatch:
        batch = ParticipationCodeBatch.objects.create(
            consultation_key=self.cleaned_data["consultation"],
            organisation=self.cleaned_data["organisation"],
            created_by=user,
        )
        ParticipationCode.objects.bulk_create(
            ParticipationCode(batch=batch, code=code) for code in unused_codes(self.cleaned_data["count"])
        )
        return batch


# What a batch form's submission token is claimed for (citysite.idempotency).
CODE_BATCH_PURPOSE = "consultations.code_batch"


def unused_codes(count: int) -> set[str]:
    """`count` new codes that no existing code already has."""
    codes = set()
    while len(codes) < count:
        candidates = {new_participation_code() for _ in range(count - len(codes))} - codes
        taken = set(ParticipationCode.objects.filter(code__in=candidates).values_list("code", flat=True))
        codes |= candidates - taken
    return codes


class CodeBatchCreateView(CodesPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "consultations/admin/code_batch_form.html"
    form_class = CodeBatchForm
    page_title = gettext_lazy("New batch of participation codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return self.codes_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]

    def form_valid(self, form):
        # Once the codes are committed, the way to print them (a redirect built from the batch in hand)
        # must not be lost to a failure after the commit.
        outcome = commit(
            lambda: idempotency.create_once(
                form.cleaned_data[TOKEN_FIELD], CODE_BATCH_PURPOSE, lambda: form.save(self.request.user)
            ),
            what="A batch of participation codes",
        )
        batch = outcome.record
        if batch is None:  # made by the first of a double submit and deleted since
            return redirect("consultations_admin:code_batches")
        if outcome.created:
            messages.success(
                self.request,
                _("%(count)s participation codes created for %(organisation)s.")
                % {"count": form.cleaned_data["count"], "organisation": batch.organisation},
            )
        return redirect("consultations_admin:code_batch", batch.pk)


def _batch_or_404(request, pk):
    if not may(request.user, "consultations.manage_participation_codes"):
        raise PermissionDenied
    return get_object_or_404(ParticipationCodeBatch, pk=pk)


def code_batch_print(request, pk):
    """A plain page of cut-out slips, one per unused code, that prints well."""
    batch = _batch_or_404(request, pk)
    page = consultations_by_key().get(batch.consultation_key)
    answer_url = ""
    if page is not None and page.live:
        answer_url = (page.get_full_url(request) or "").rstrip("/") + "/" + page.reverse_subpage("answer")
    codes = list(batch.codes.order_by("code"))
    return TemplateResponse(
        request,
        "consultations/admin/code_batch_print.html",
        {
            "batch": batch,
            "page": page,
            "answer_url": answer_url,
            "codes": [code for code in codes if code.used_at is None],
            "used_count": sum(1 for code in codes if code.used_at is not None),
            "languages": ["pl", "en", "uk", "ru"],
            "back_url": reverse("consultations_admin:code_batches"),
        },
    )


def code_batch_csv(request, pk):
    batch = _batch_or_404(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participation-codes-{batch.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Code"), _("Organisation"), _("Used")])
    for code in batch.codes.order_by("code"):
        writer.writerow([code.code, batch.organisation, _datetime(code.used_at)])
    return response
