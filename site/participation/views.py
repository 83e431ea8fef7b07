"""Public actions on a comment: reply, official reply, edit, report, hide and restore. The thread shows
each as a small form in a <details> element; the forms post here and come back to the comment. A form
with errors (or a refusal) is shown on a page of its own, with what the person typed kept."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from citysite.access import may
from citysite.forms import TOO_MANY

from . import services
from .forms import (
    OFFICIAL_BODY_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    CommentTextForm,
    EditCommentForm,
    HideForm,
    OfficialReplyForm,
    ReportForm,
)
from .models import COMMENT_MAX_LENGTH, HIDE_REASON_MAX_LENGTH, Comment
from .registry import is_members_only, place_of

REPLY_RATE = "10/10m"
REPORT_RATE = "10/h"
LIMITS = {
    "text": COMMENT_MAX_LENGTH,
    "report": REPORT_REASON_MAX_LENGTH,
    "official_body": OFFICIAL_BODY_MAX_LENGTH,
    "hide_reason": HIDE_REASON_MAX_LENGTH,
}


def discussion_context(request) -> dict:
    """What the current person may do in any thread on the page, worked out once per request so that
    rendering many comments runs no extra queries."""
    cached = getattr(request, "_discussion_permissions", None)
    if cached is None:
        user = request.user
        cached = {
            "can_reply": may(user, "participation.reply_to_comment"),
            "can_reply_officially": may(user, "participation.reply_officially"),
            "can_moderate": may(user, "participation.moderate_comment"),
            "edit_window_minutes": settings.COMMENT_EDIT_WINDOW_MINUTES,
            "limits": LIMITS,
        }
        request._discussion_permissions = cached
    return cached


def _comment(request, pk) -> Comment:
    """The comment, if this person may see it: comments that are not shown in public (no consent, or
    a place that does not publish comments) exist here for staff only."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    if is_members_only(comment):
        # A members-only place (a council draft): its members, whatever anyone's staff role.
        place = place_of(comment, get_language())
        if place is None or not place.admits(request.user):
            raise Http404
        return comment
    permissions = discussion_context(request)
    if permissions["can_reply_officially"] or permissions["can_moderate"]:
        return comment
    if request.user.is_authenticated and comment.author_id == request.user.pk:
        return comment
    place = place_of(comment, get_language()) if comment.consent_to_publish else None
    if place is None or not place.admits(request.user):
        raise Http404
    return comment


def _next_url(request, comment: Comment) -> str:
    """Where to come back to: the page the form was on, if it is on this site; else the comment's place."""
    candidate = (request.POST.get("next") or request.GET.get("next") or "").split("#")[0]
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    place = place_of(comment, get_language())
    # The path alone: the place's absolute address carries the Site record's host (e.g. localhost),
    # not the one this request came to.
    return place.path if place else "/"


def _back_to(request, comment: Comment, shown: Comment | None = None):
    return redirect(f"{_next_url(request, comment)}#comment-{(shown or comment).pk}")


def _page(request, comment: Comment, *, title, form=None, submit=None, note=None, refusal=None, status=200):
    return TemplateResponse(
        request,
        "participation/comment_action.html",
        {
            "comment": comment,
            "title": title,
            "form": form,
            "submit_label": submit,
            "note": note,
            "refusal": refusal,
            "next_url": _next_url(request, comment),
        },
        status=status,
    )


def _refused(request, comment, title, message):
    return _page(request, comment, title=title, refusal=message, status=403)


def _sign_in_first(request, comment, *, come_back_to_form=True):
    next_path = _next_url(request, comment)
    if come_back_to_form:
        next_path = f"{request.path}?{urlencode({'next': next_path})}"
    return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': next_path})}")


def _rate_limited(request, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key="user_or_ip", rate=rate, increment=True)


@require_http_methods(["GET", "POST"])
def reply(request, pk):
    parent = _comment(request, pk)
    title = _("Reply to comment #%(number)s") % {"number": parent.pk}
    if not request.user.is_authenticated:
        return _sign_in_first(request, parent)
    if not discussion_context(request)["can_reply"]:
        return _refused(
            request, parent, title, _("Please confirm your e-mail address first; then you can reply.")
        )
    form = CommentTextForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if _rate_limited(request, "participation.reply", REPLY_RATE):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                try:
                    comment, _created = services.post_reply(
                        request.user, parent, form.cleaned_data["text"], get_language()
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Thank you. Your reply is published."))
                    return _back_to(request, parent, comment)
    return _page(
        request,
        parent,
        title=title,
        form=form,
        submit=_("Publish reply"),
        note=_("Replies are public: they appear under the comment, with your display name."),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def official_reply(request, pk):
    parent = _comment(request, pk)
    title = _("Official reply to comment #%(number)s") % {"number": parent.pk}
    if not request.user.is_authenticated:
        return _sign_in_first(request, parent)
    if not discussion_context(request)["can_reply_officially"]:
        return _refused(request, parent, title, _("Only city staff can give official replies."))
    form = OfficialReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                comment, _created = services.post_official_reply(
                    request.user,
                    parent,
                    form.cleaned_data["text"],
                    form.cleaned_data["official_body"],
                    get_language(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The official reply is published."))
                return _back_to(request, parent, comment)
    return _page(
        request,
        parent,
        title=title,
        form=form,
        submit=_("Publish official reply"),
        note=_("The reply is public and the person who wrote the comment is told by e-mail."),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment = _comment(request, pk)
    title = _("Change comment #%(number)s") % {"number": comment.pk}
    if not request.user.is_authenticated:
        return _sign_in_first(request, comment)
    if not may(request.user, "participation.edit_comment", comment):
        if comment.author_id == request.user.pk:
            message = _(
                "A comment can be changed only in the first %(minutes)d minutes after it is written, "
                "and not after a moderator has hidden it."
            ) % {"minutes": settings.COMMENT_EDIT_WINDOW_MINUTES}
        else:
            message = _("Only the author can change a comment.")
        return _refused(request, comment, title, message)
    form = EditCommentForm(request.POST or None, initial={"text": comment.text})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.edit_comment(request.user, comment, form.cleaned_data["text"])
            except PermissionDenied:
                return _refused(request, comment, title, _("This comment can no longer be changed."))
            messages.success(request, _("Your changes are saved."))
            return _back_to(request, comment)
    return _page(request, comment, title=title, form=form, submit=_("Save changes"), status=status)


@require_http_methods(["GET", "POST"])
def report(request, pk):
    comment = _comment(request, pk)
    title = _("Report comment #%(number)s") % {"number": comment.pk}
    if is_members_only(comment):
        return _refused(request, comment, title, services.MEMBERS_ONLY_NOT_REPORTABLE)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if _rate_limited(request, "participation.report", REPORT_RATE):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                try:
                    services.report_abuse(request.user, comment, form.cleaned_data["reason"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Thank you. A moderator will look at this comment."))
                    return _back_to(request, comment)
    return _page(
        request,
        comment,
        title=title,
        form=form,
        submit=_("Send report"),
        note=_("Reports go to the moderators only. The author is not told who reported."),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def hide(request, pk):
    comment = _comment(request, pk)
    title = _("Hide comment #%(number)s") % {"number": comment.pk}
    if not request.user.is_authenticated:
        return _sign_in_first(request, comment)
    if not discussion_context(request)["can_moderate"]:
        return _refused(request, comment, title, _("Only moderators can hide comments."))
    form = HideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            services.hide_comment(request.user, comment, form.cleaned_data["reason"])
            messages.success(request, _("The comment is hidden; the reason is shown in its place."))
            return _back_to(request, comment)
    return _page(request, comment, title=title, form=form, submit=_("Hide comment"), status=status)


@require_POST
def restore(request, pk):
    comment = _comment(request, pk)
    if not request.user.is_authenticated:
        return _sign_in_first(request, comment, come_back_to_form=False)
    if not discussion_context(request)["can_moderate"]:
        title = _("Restore comment #%(number)s") % {"number": comment.pk}
        return _refused(request, comment, title, _("Only moderators can restore comments."))
    services.restore_comment(request.user, comment)
    messages.success(request, _("The comment is shown again."))
    return _back_to(request, comment)
