"""Every action on a proposal. Each is a small form on the proposal page that posts to
`<pk>/<action>/`; a form with errors, or a refusal, is shown on a page of its own with what the person
typed kept."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citysite import idempotency
from citysite.access import may
from citysite.idempotency import TOKEN_FIELD
from citysite.participation.services import post_comment

from .. import services
from ..forms import (
    AnswerForm,
    CommentForm,
    HideProposalForm,
    OfficialPlacementForm,
    PlacementForm,
    ProgressForm,
    ReportProposalForm,
)
from ..models import CITY_TRANSITIONS, Placement, Status, Support
from .common import (
    TOO_MANY,
    detail_url,
    done,
    is_verified,
    page_context,
    rate_limited,
    sign_in_first,
    visible_proposal,
)
from .writing import edit_refusal, write

# What the submission token of the comment form is claimed for (citysite.idempotency).
COMMENT_PURPOSE = "proposals.comment"
COMMENT_RATE = "10/10m"
REPORT_RATE = "10/h"


def action_urls(index_page, pk) -> dict:
    base = index_page.url
    return {
        name.replace("-", "_"): base + index_page.reverse_subpage("action_view", args=(pk, name))
        for name in ACTIONS
    }


def _action_page(
    request,
    index_page,
    proposal,
    *,
    title,
    form=None,
    submit="",
    note="",
    refusal="",
    anchor="",
    danger=False,
    unverified=False,
    status=200,
):
    return TemplateResponse(
        request,
        "proposals/action.html",
        page_context(
            request,
            index_page,
            proposal=proposal,
            title=title,
            form=form,
            submit_label=submit,
            note=note,
            refusal=refusal,
            unverified=unverified,
            danger=danger,
            back_url=detail_url(index_page, proposal.pk, anchor),
            detail_url=detail_url(index_page, proposal.pk),
            urls=action_urls(index_page, proposal.pk),
        ),
        status=status,
    )


def _refused(request, index_page, proposal, title, reason, *, anchor="", unverified=False):
    return _action_page(
        request,
        index_page,
        proposal,
        title=title,
        refusal=reason,
        anchor=anchor,
        unverified=unverified,
        status=403,
    )


def _edit(request, index_page, proposal):
    user = request.user
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.edit_proposal", proposal):
        return _refused(request, index_page, proposal, _("Change the proposal"), edit_refusal(user, proposal))
    return write(request, index_page, proposal=proposal)


def _withdraw(request, index_page, proposal):
    user = request.user
    title = _("Withdraw the proposal")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.withdraw_proposal", proposal):
        if proposal.author_id != user.pk:
            reason = _("Only the author can withdraw a proposal.")
        elif proposal.status == Status.WITHDRAWN:
            reason = _("This proposal is already withdrawn.")
        else:
            reason = _("The city has already decided on this proposal, so it can no longer be withdrawn.")
        return _refused(request, index_page, proposal, title, reason)
    if request.method == "POST":
        try:
            services.withdraw_proposal(user, proposal)
        except PermissionDenied:
            return _refused(
                request, index_page, proposal, title, _("This proposal can no longer be withdrawn.")
            )
        return done(request, index_page, proposal, _("Your proposal is withdrawn."), "history")
    return _action_page(
        request,
        index_page,
        proposal,
        title=title,
        submit=_("Withdraw my proposal"),
        danger=True,
        note=_(
            "A withdrawn proposal stays readable with its discussion, but it no longer collects supports "
            "and the city does not evaluate it. This cannot be undone."
        ),
    )


def _support(request, index_page, proposal):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "support")
    title = _("Support the proposal")
    wanted = request.POST.get("support") != "0"
    has_support = Support.objects.filter(proposal=proposal, user=user).exists()
    if wanted and not has_support and not may(user, "proposals.support_proposal", proposal):
        if not is_verified(user):
            return _refused(
                request,
                index_page,
                proposal,
                title,
                _("Please confirm your e-mail address first; then you can support proposals."),
                unverified=True,
            )
        if proposal.author_id == user.pk:
            reason = _("You cannot support your own proposal.")
        else:
            reason = _("Supports are collected only while a proposal is open for discussion.")
        return _refused(request, index_page, proposal, title, reason, anchor="support")
    try:
        supports = services.set_support(user, proposal, wanted=wanted)
    except PermissionDenied:
        return _refused(
            request, index_page, proposal, title, _("Supports are collected only while a proposal is open.")
        )
    message = _("Thank you for your support.") if supports else _("Your support is taken back.")
    return done(request, index_page, proposal, message, "support")


def _form_action(
    request,
    index_page,
    proposal,
    *,
    title,
    form,
    perform,
    submit,
    anchor,
    note="",
    rate_group=None,
    rate=None,
    danger=False,
):
    """Shows an action's form (GET) or acts on it (POST): `perform(cleaned_data)` calls the service and
    returns (message, anchor). Problems the service finds appear on the form."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if rate_group and rate_limited(request, rate_group, rate):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                try:
                    message, anchor = perform(form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                except PermissionDenied:
                    return _refused(request, index_page, proposal, title, _("You cannot do this any more."))
                else:
                    return done(request, index_page, proposal, message, anchor)
    return _action_page(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        submit=submit,
        note=note,
        anchor=anchor,
        danger=danger,
        status=status,
    )


def _data(request):
    return request.POST if request.method == "POST" else None


def _place(request, index_page, proposal):
    user = request.user
    title = _("Your placement on the matrix")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "matrix")
    if not may(user, "proposals.place_proposal", proposal):
        if not is_verified(user):
            return _refused(
                request,
                index_page,
                proposal,
                title,
                _("Please confirm your e-mail address first; then you can place proposals on the matrix."),
                unverified=True,
            )
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("Residents place a proposal on the matrix while it is open for discussion."),
            anchor="matrix",
        )
    own = Placement.objects.filter(proposal=proposal, user=user).first()
    form = PlacementForm(_data(request), initial={"impact": own.impact, "ease": own.ease} if own else None)

    def perform(data):
        services.place(user, proposal, impact=data["impact"], ease=data["ease"])
        return _("Thank you. Your placement is saved."), "matrix"

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Save my placement"),
        anchor="matrix",
        note=_("You can change your placement while the proposal is open. The page shows the median of all."),
    )


def _official_placement(request, index_page, proposal):
    user = request.user
    title = _("Official placement on the matrix")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "matrix")
    if not may(user, "proposals.set_official_placement", proposal):
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("Only moderators and the proposal’s working group can set the official placement."),
            anchor="matrix",
        )
    initial = {
        "impact": proposal.official_impact,
        "ease": proposal.official_ease,
        "placed_by": proposal.official_placement_by,
    }
    form = OfficialPlacementForm(_data(request), initial=initial)

    def perform(data):
        services.set_official_placement(
            user, proposal, impact=data["impact"], ease=data["ease"], placed_by=data["placed_by"]
        )
        return _("The official placement is saved."), "matrix"

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Save the official placement"),
        anchor="matrix",
    )


def _answer(request, index_page, proposal):
    user = request.user
    title = _("Answer the proposal")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "history")
    if not may(user, "proposals.answer_proposal", proposal):
        return _refused(
            request, index_page, proposal, title, _("Only city staff can answer proposals."), anchor="history"
        )
    allowed = CITY_TRANSITIONS.get(proposal.status, set())
    if not allowed:
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("No status can follow “%(status)s”.") % {"status": proposal.get_status_display()},
            anchor="history",
        )
    form = AnswerForm(_data(request), allowed_statuses=allowed)

    def perform(data):
        change = services.change_status(
            user,
            proposal,
            index_page,
            to_status=data["to_status"],
            answer=data["answer"],
            answering_body=data["answering_body"],
        )
        return (
            _("The proposal is now “%(status)s”. Its author and followers are told by e-mail.")
            % {"status": change.get_to_status_display()},
            "history",
        )

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Publish the answer"),
        anchor="history",
        note=_("The answer is public and kept in the proposal’s history."),
    )


def _progress(request, index_page, proposal):
    user = request.user
    title = _("Report progress")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "progress")
    if not may(user, "proposals.answer_proposal", proposal):
        return _refused(
            request, index_page, proposal, title, _("Only city staff can report progress."), anchor="progress"
        )
    if not proposal.takes_progress_updates:
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("Progress is reported on accepted proposals until they are implemented."),
        )
    form = ProgressForm(_data(request))

    def perform(data):
        services.add_progress_update(
            user, proposal, percent=data["percent"], text=data["text"], published_on=data["published_on"]
        )
        return _("The progress update is published."), "progress"

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Publish the update"),
        anchor="progress",
    )


def _hide(request, index_page, proposal):
    user = request.user
    title = _("Hide the proposal")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.moderate_proposal", proposal):
        return _refused(request, index_page, proposal, title, _("Only moderators can hide proposals."))
    if proposal.is_hidden:
        return _refused(request, index_page, proposal, title, _("This proposal is already hidden."))
    form = HideProposalForm(_data(request))

    def perform(data):
        services.hide_proposal(user, proposal, data["reason"])
        return _("The proposal is hidden; the reason is shown in its place."), ""

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Hide the proposal"),
        anchor="",
        danger=True,
        note=_("Its comments stay visible. Open reports on it are marked as dealt with."),
    )


def _restore(request, index_page, proposal):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.moderate_proposal", proposal):
        return _refused(
            request,
            index_page,
            proposal,
            _("Restore the proposal"),
            _("Only moderators can restore proposals."),
        )
    services.restore_proposal(user, proposal)
    return done(request, index_page, proposal, _("The proposal is shown again."))


def _report(request, index_page, proposal):
    title = _("Report the proposal")
    if not may(request.user, "proposals.report_proposal", proposal) or proposal.is_hidden:
        return _refused(request, index_page, proposal, title, _("This proposal cannot be reported."))
    form = ReportProposalForm(_data(request))

    def perform(data):
        services.report_proposal(request.user, proposal, data["reason"])
        return _("Thank you. A moderator will look at this proposal."), "report"

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Send report"),
        anchor="report",
        rate_group="proposals.report",
        rate=REPORT_RATE,
    )


def _follow(request, index_page, proposal):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "follow")
    if not may(user, "proposals.follow_proposal", proposal):
        return _refused(
            request,
            index_page,
            proposal,
            _("Follow the proposal"),
            _("A proposal can be followed once it is published."),
        )
    if services.toggle_follow(user, proposal):
        message = _("You follow this proposal. We will e-mail you when its status changes.")
    else:
        message = _("You no longer follow this proposal.")
    return done(request, index_page, proposal, message, "follow")


def _comment(request, index_page, proposal):
    user = request.user
    title = _("Comment on the proposal")
    if not user.is_authenticated:
        return sign_in_first(request, index_page, proposal, "discussion")
    if not may(user, "participation.write_comment"):
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("Please confirm your e-mail address first; then you can comment."),
            unverified=True,
        )
    if not proposal.accepts_comments:
        return _refused(
            request,
            index_page,
            proposal,
            title,
            _("New comments cannot be added to this proposal."),
            anchor="discussion",
        )
    form = CommentForm(_data(request))

    def perform(data):
        comment = idempotency.create_once(
            data[TOKEN_FIELD],
            COMMENT_PURPOSE,
            lambda: post_comment(user, proposal, data["text"], get_language())[0],
        ).record
        anchor = f"comment-{comment.pk}" if comment is not None else "discussion"
        return _("Thank you. Your comment is published."), anchor

    return _form_action(
        request,
        index_page,
        proposal,
        title=title,
        form=form,
        perform=perform,
        submit=_("Publish comment"),
        anchor="discussion",
        rate_group="proposals.comment",
        rate=COMMENT_RATE,
    )


ACTIONS = {
    "edit": _edit,
    "withdraw": _withdraw,
    "support": _support,
    "place": _place,
    "official-placement": _official_placement,
    "answer": _answer,
    "progress": _progress,
    "hide": _hide,
    "restore": _restore,
    "report": _report,
    "follow": _follow,
    "comment": _comment,
}


def action(request, index_page, pk, action):
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    proposal = visible_proposal(request, index_page, pk)
    return handler(request, index_page, proposal)
