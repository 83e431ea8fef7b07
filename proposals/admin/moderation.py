"""Moderation of proposals (moderators and superusers: `proposals.moderate_proposal`): reported
proposals, hidden proposals and proposals waiting for a moderator (pre-moderated indexes), as tabs beside
the comment queue. Hide (with a reason), restore, dismiss and publish go through proposals.services,
which keep the history and the audit log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from citysite.access import rule_required
from citysite.pagination import paginate
from citysite.participation.models import AbuseReport
from citysite.participation.registry import moderation_tabs

from .. import services
from ..models import Proposal, ProposalIndexPage, Status, StatusChange
from ..text import plain_text
from .forms import ModerationHideForm, PublishForm
from .listing import attach_places

PER_PAGE = 25

EXCERPT_WORDS = 60

OPEN = Q(abuse_reports__resolved_at__isnull=True)


moderators_only = rule_required("proposals.moderate_proposal")


def _index_page_of(proposal) -> ProposalIndexPage | None:
    """The proposal's index, in the default language if it has that translation."""
    pages = ProposalIndexPage.objects.filter(translation_key=proposal.index_key)
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE).first() or pages.first()


def excerpt(proposal) -> str:
    return Truncator(plain_text(proposal.text)).words(EXCERPT_WORDS)


def _page_of(request, queryset):
    page = paginate(request, queryset, PER_PAGE, parameter="p")
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
            "hide_form": ModerationHideForm(),
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
    form = ModerationHideForm(request.POST)
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
