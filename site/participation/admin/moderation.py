"""The moderation queue in the Wagtail admin: reported comments, with hide, restore and dismiss, and
the list of hidden comments. Wagtail lets in only people with admin access; these views then let in
only moderators (and superusers). Every action goes through services, which keep the audit log."""

from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from citysite.access import rule_required

from .. import services
from ..forms import HideForm
from ..models import AbuseReport, Comment
from ..registry import members_only_type_ids, moderation_tabs, places_of

PER_PAGE = 25
OPEN = Q(abuse_reports__resolved_at__isnull=True)


moderators_only = rule_required("participation.moderate_comment")


def _page_of(request, queryset):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    places = places_of(page.object_list, get_language())
    for comment in page.object_list:
        comment.place = places.get(comment.pk)
    return page


def _render(request, template, title, page):
    return TemplateResponse(
        request,
        template,
        {
            "page_title": title,
            "header_icon": "warning",
            "comments": page,
            "hide_form": HideForm(),
            "moderation_tabs": moderation_tabs(request.user),
        },
    )


@moderators_only
def reports(request):
    comments = (
        Comment.objects.annotate(
            open_reports=Count("abuse_reports", filter=OPEN),
            first_reported=Min("abuse_reports__created_at", filter=OPEN),
        )
        .filter(open_reports__gt=0)
        .exclude(target_type__in=members_only_type_ids())
        .select_related("author", "hidden_by")
        .prefetch_related(
            Prefetch(
                "abuse_reports",
                queryset=AbuseReport.objects.filter(resolved_at__isnull=True).order_by("created_at"),
                to_attr="open_report_list",
            )
        )
        .order_by("first_reported", "pk")
    )
    return _render(
        request, "participation/admin/reports.html", _("Reports of abuse"), _page_of(request, comments)
    )


@moderators_only
def hidden(request):
    comments = (
        Comment.objects.filter(hidden_at__isnull=False)
        .exclude(target_type__in=members_only_type_ids())
        .select_related("author", "hidden_by")
        .order_by("-hidden_at", "-pk")
    )
    return _render(
        request, "participation/admin/hidden.html", _("Hidden comments"), _page_of(request, comments)
    )


def _back(request):
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(candidate)
    return redirect(reverse("participation_admin:reports"))


@require_POST
@moderators_only
def hide(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        services.hide_comment(request.user, comment, form.cleaned_data["reason"])
        messages.success(request, _("Comment #%(number)s is hidden.") % {"number": comment.pk})
    else:
        messages.error(request, " ".join(form.errors["reason"]))
    return _back(request)


@require_POST
@moderators_only
def restore(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    services.restore_comment(request.user, comment)
    messages.success(request, _("Comment #%(number)s is shown again.") % {"number": comment.pk})
    return _back(request)


@require_POST
@moderators_only
def dismiss(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    services.dismiss_reports(request.user, comment)
    messages.success(request, _("The reports on comment #%(number)s are dismissed.") % {"number": comment.pk})
    return _back(request)
