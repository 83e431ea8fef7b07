"""The proposals screens of the Wagtail admin.

- Moderation (moderators and superusers: `proposals.moderate_proposal`): reported proposals, hidden
  proposals and proposals waiting for a moderator (pre-moderated indexes), as tabs beside the comment
  queue. Hide (with a reason), restore, dismiss and publish go through proposals.services, which keep the
  history and the audit log.
- A listing of every proposal for city staff (`proposals.answer_proposal`), with filters, linking to
  each proposal's public page, where staff answer it.
- The people who speak for each working group (editors and superusers, by model permissions).

Wagtail lets in only people with admin access; these views then ask their own permission first."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.models import Locale

from citysite.access import RuleRequiredMixin, rule_required
from citysite.participation.models import AbuseReport
from citysite.participation.registry import moderation_tabs
from home.models import WorkingGroupPage

from . import services
from .models import (
    ANSWER_MAX_LENGTH,
    BODY_MAX_LENGTH,
    DEFAULT_HIGH_FROM,
    Proposal,
    ProposalArea,
    ProposalIndexPage,
    Quadrant,
    Status,
    StatusChange,
    WorkingGroupMember,
    quadrant_condition,
)
from .places import index_pages_by_key
from .text import plain_text

PER_PAGE = 25
LIST_PER_PAGE = 50
EXCERPT_WORDS = 60
OPEN = Q(abuse_reports__resolved_at__isnull=True)
MAX_LENGTH_MESSAGE = gettext_lazy("Please keep it to %(limit_value)d characters (it has %(show_value)d).")


moderators_only = rule_required("proposals.moderate_proposal")


class HideProposalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason shown in place of the proposal"),
        max_length=Proposal._meta.get_field("hidden_reason").max_length,
        error_messages={
            "required": gettext_lazy("Please give the reason; it is shown in place of the proposal."),
            "max_length": MAX_LENGTH_MESSAGE,
        },
    )


class PublishForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Public note (optional)"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": MAX_LENGTH_MESSAGE},
    )
    answering_body = forms.CharField(
        label=gettext_lazy("On behalf of (optional)"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        error_messages={"max_length": MAX_LENGTH_MESSAGE},
    )


# --- Where each proposal is shown ---------------------------------------------------------------------


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


def _index_page_of(proposal) -> ProposalIndexPage | None:
    """The proposal's index, in the default language if it has that translation."""
    pages = ProposalIndexPage.objects.filter(translation_key=proposal.index_key)
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE).first() or pages.first()


def excerpt(proposal) -> str:
    return Truncator(plain_text(proposal.text)).words(EXCERPT_WORDS)


# --- Moderation tabs -------------------------------------------------------------------------------------


def _page_of(request, queryset):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    page.object_list = list(page.object_list)
    attach_places(request, page.object_list)
    for proposal in page.object_list:
        proposal.excerpt = excerpt(proposal)
    return page


def _render(request, template, title, current, page, **extra):
    return TemplateResponse(
        request,
        template,
        {
            "page_title": title,
            "header_icon": "warning",
            "proposals": page,
            "current": current,
            "moderation_tabs": moderation_tabs(request.user),
            "hide_form": HideProposalForm(),
            **extra,
        },
    )


@moderators_only
def reports(request):
    proposals = (
        Proposal.objects.annotate(
            open_reports=Count("abuse_reports", filter=OPEN),
            first_reported=Min("abuse_reports__created_at", filter=OPEN),
        )
        .filter(open_reports__gt=0)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "abuse_reports",
                queryset=AbuseReport.objects.open().order_by("created_at", "pk"),
                to_attr="open_report_list",
            )
        )
        .order_by("first_reported", "pk")
    )
    return _render(
        request,
        "proposals/admin/reports.html",
        _("Reported proposals"),
        "proposal_reports",
        _page_of(request, proposals),
    )


@moderators_only
def hidden(request):
    proposals = (
        Proposal.objects.filter(status=Status.HIDDEN)
        .annotate(
            hidden_at=Max("status_changes__changed_at", filter=Q(status_changes__to_status=Status.HIDDEN))
        )
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.filter(to_status=Status.HIDDEN)
                .select_related("changed_by")
                .order_by("-changed_at", "-pk"),
                to_attr="hidings",
            )
        )
        .order_by("-hidden_at", "-pk")
    )
    page = _page_of(request, proposals)
    for proposal in page.object_list:
        proposal.hidden_by = proposal.hidings[0].changed_by if proposal.hidings else None
    return _render(request, "proposals/admin/hidden.html", _("Hidden proposals"), "proposal_hidden", page)


@moderators_only
def waiting(request):
    proposals = (
        Proposal.objects.filter(status=Status.SUBMITTED)
        .select_related("author")
        .prefetch_related("dimensions")
        .order_by("created_at", "pk")
    )
    return _render(
        request,
        "proposals/admin/waiting.html",
        _("Proposals waiting for moderation"),
        "proposal_waiting",
        _page_of(request, proposals),
        publish_form=PublishForm(),
    )


def _back(request, default="proposals_admin:reports"):
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(candidate)
    return redirect(reverse(default))


def _form_errors(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


@require_POST
@moderators_only
def hide(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = HideProposalForm(request.POST)
    if form.is_valid():
        services.hide_proposal(request.user, proposal, form.cleaned_data["reason"])
        messages.success(request, _("Proposal #%(number)s is hidden.") % {"number": proposal.pk})
    else:
        messages.error(request, _form_errors(form))
    return _back(request)


@require_POST
@moderators_only
def restore(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    services.restore_proposal(request.user, proposal)
    messages.success(request, _("Proposal #%(number)s is shown again.") % {"number": proposal.pk})
    return _back(request)


@require_POST
@moderators_only
def dismiss(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    services.dismiss_reports(request.user, proposal)
    messages.success(
        request, _("The reports on proposal #%(number)s are dismissed.") % {"number": proposal.pk}
    )
    return _back(request)


@require_POST
@moderators_only
def publish(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = PublishForm(request.POST)
    index_page = _index_page_of(proposal)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    elif index_page is None:
        messages.error(request, _("The proposals index of this proposal no longer exists."))
    else:
        try:
            services.change_status(
                request.user,
                proposal,
                index_page,
                to_status=Status.PUBLISHED,
                answer=form.cleaned_data["answer"],
                answering_body=form.cleaned_data["answering_body"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Proposal #%(number)s is published.") % {"number": proposal.pk})
    return _back(request, default="proposals_admin:waiting")


# --- All proposals, for city staff --------------------------------------------------------------------


def index_choices() -> list[tuple[str, str]]:
    """Each proposals index once (by translation key), titled in the default language where it has one."""
    default_locale_id = Locale.get_default().pk
    chosen = {}
    for page in ProposalIndexPage.objects.order_by("pk"):
        if page.translation_key not in chosen or page.locale_id == default_locale_id:
            chosen[page.translation_key] = page
    return sorted(((str(key), page.title) for key, page in chosen.items()), key=lambda choice: choice[1])


class ProposalFilterSet(WagtailFilterSet):
    index = django_filters.ChoiceFilter(
        label=gettext_lazy("Proposals index"),
        choices=(),
        method="filter_index",
        empty_label=gettext_lazy("All"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("All")
    )
    area = django_filters.ChoiceFilter(
        label=gettext_lazy("Area"), choices=ProposalArea.choices, empty_label=gettext_lazy("All")
    )
    quadrant = django_filters.ChoiceFilter(
        label=gettext_lazy("Quadrant of the official placement"),
        choices=Quadrant.choices,
        method="filter_quadrant",
        empty_label=gettext_lazy("All"),
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Written in"), choices=settings.LANGUAGES, empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["index"].extra["choices"] = index_choices()

    def filter_index(self, queryset, name, value):
        return queryset.filter(index_key=value)

    def filter_quadrant(self, queryset, name, value):
        """Each index says from which score a placement counts as high."""
        thresholds = dict(ProposalIndexPage.objects.values_list("translation_key", "matrix_high_from"))
        condition = ~Q(index_key__in=list(thresholds)) & quadrant_condition(value, DEFAULT_HIGH_FROM)
        for key, high_from in thresholds.items():
            condition |= Q(index_key=key) & quadrant_condition(value, high_from)
        return queryset.filter(condition)


def _date(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class ProposalListView(RuleRequiredMixin, BaseListingView):
    required_rule = "proposals.answer_proposal"
    page_title = gettext_lazy("Proposals")
    header_icon = "list-ul"
    paginate_by = LIST_PER_PAGE
    filterset_class = ProposalFilterSet
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


# --- Who speaks for which working group -----------------------------------------------------------------


class WorkingGroupMemberForm(WagtailAdminModelForm):
    """A person is named by the e-mail address of their account: a list of every account would not fit
    in a select."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail address of the person"),
        help_text=gettext_lazy("The address they use to log in; they must have an account already."),
        error_messages={"required": gettext_lazy("Please give the e-mail address of the person.")},
    )

    class Meta:
        model = WorkingGroupMember
        fields = ["working_group"]
        error_messages = {"working_group": {"required": gettext_lazy("Please choose the working group.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = WorkingGroupPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("title")
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
        # The e-mail field first: the form reads "who, for which group".
        self.order_fields(["email", "working_group"])

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if self.person is None:
            raise ValidationError(
                _("No account uses this e-mail address. The person must sign up on the site first.")
            )
        return email

    def clean(self):
        cleaned_data = super().clean()
        group, person = cleaned_data.get("working_group"), getattr(self, "person", None)
        if group is not None and person is not None:
            if (
                WorkingGroupMember.objects.filter(
                    working_group__translation_key=group.translation_key, user=person
                )
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("email", _("This person already speaks for this working group."))
            else:
                self.instance.user = person
        return cleaned_data


class WorkingGroupMemberIndexView(IndexView):
    default_ordering = "working_group__title"

    @cached_property
    def columns(self):
        """Wagtail's columns (the first links to the edit view, with the edit and delete buttons), with
        headings that say what they show rather than "person e-mail address"."""
        columns = super().columns
        labels = [_("E-mail address"), _("Name shown on the site"), _("Working group")]
        for column, label in zip(columns, labels, strict=True):
            column.label = label
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "working_group")

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "pk")
