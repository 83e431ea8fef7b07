"""Every action on a proposal, declared once in ACTIONS (action_spec.py says how) and carried out by one
view, `action`.

Each action is a small form on the proposal page that posts to `<pk>/<action>/`. The view asks the same
questions of every action: signed in (else to the sign-in page and back)? does the person meet each of
the action's requirements (else a refusal saying why)? is the form valid? then the service acts (and
checks the permission again) and the person returns to the proposal with a message. A form with errors,
or a refusal, is shown on a page of its own with what the person typed kept."""

from django.http import Http404, HttpResponseNotAllowed
from django.utils.translation import get_language, gettext_lazy
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
from .action_spec import ActionSpec, Requirement, carry_out, refused, rule
from .common import sign_in_first, visible_proposal
from .writing import edit_refusal, write

# What the submission token of the comment form is claimed for (citysite.idempotency).
COMMENT_PURPOSE = "proposals.comment"
COMMENT_RATE = "10/10m"
REPORT_RATE = "10/h"


# Why a requirement is not met, where one message does not fit every person.


def _withdraw_refusal(user, proposal) -> str:
    if proposal.author_id != user.pk:
        return _("Only the author can withdraw a proposal.")
    if proposal.status == Status.WITHDRAWN:
        return _("This proposal is already withdrawn.")
    return _("The city has already decided on this proposal, so it can no longer be withdrawn.")


def _support_refusal(user, proposal) -> str:
    if proposal.author_id == user.pk:
        return _("You cannot support your own proposal.")
    return _("Supports are collected only while a proposal is open for discussion.")


def _no_status_follows(user, proposal) -> str:
    return _("No status can follow “%(status)s”.") % {"status": proposal.get_status_display()}


def _may_change_support(request, proposal) -> bool:
    """Taking support back, or keeping one already given, is always allowed; giving one is not."""
    if request.POST.get("support") == "0":
        return True
    return Support.objects.filter(proposal=proposal, user=request.user).exists() or may(
        request.user, "proposals.support_proposal", proposal
    )


# What each action does once allowed.


def _withdraw(request, index_page, proposal, data):
    services.withdraw_proposal(request.user, proposal)
    return _("Your proposal is withdrawn."), "history"


def _support(request, index_page, proposal, data):
    supports = services.set_support(request.user, proposal, wanted=request.POST.get("support") != "0")
    return (_("Thank you for your support.") if supports else _("Your support is taken back.")), "support"


def _own_placement(request, proposal) -> dict:
    own = Placement.objects.filter(proposal=proposal, user=request.user).first()
    return {"initial": {"impact": own.impact, "ease": own.ease} if own else None}


def _place(request, index_page, proposal, data):
    services.place(request.user, proposal, impact=data["impact"], ease=data["ease"])
    return _("Thank you. Your placement is saved."), "matrix"


def _official_placement_now(request, proposal) -> dict:
    return {
        "initial": {
            "impact": proposal.official_impact,
            "ease": proposal.official_ease,
            "placed_by": proposal.official_placement_by,
        }
    }


def _set_official_placement(request, index_page, proposal, data):
    services.set_official_placement(
        request.user, proposal, impact=data["impact"], ease=data["ease"], placed_by=data["placed_by"]
    )
    return _("The official placement is saved."), "matrix"


def _statuses_that_may_follow(request, proposal) -> dict:
    return {"allowed_statuses": CITY_TRANSITIONS.get(proposal.status, set())}


def _answer(request, index_page, proposal, data):
    change = services.change_status(
        request.user,
        proposal,
        index_page,
        to_status=data["to_status"],
        answer=data["answer"],
        answering_body=data["answering_body"],
    )
    message = _("The proposal is now “%(status)s”. Its author and followers are told by e-mail.") % {
        "status": change.get_to_status_display()
    }
    return message, "history"


def _report_progress(request, index_page, proposal, data):
    services.add_progress_update(
        request.user, proposal, percent=data["percent"], text=data["text"], published_on=data["published_on"]
    )
    return _("The progress update is published."), "progress"


def _hide(request, index_page, proposal, data):
    services.hide_proposal(request.user, proposal, data["reason"])
    return _("The proposal is hidden; the reason is shown in its place."), ""


def _restore(request, index_page, proposal, data):
    services.restore_proposal(request.user, proposal)
    return _("The proposal is shown again."), ""


def _report(request, index_page, proposal, data):
    services.report_proposal(request.user, proposal, data["reason"])
    return _("Thank you. A moderator will look at this proposal."), "report"


def _follow(request, index_page, proposal, data):
    if services.toggle_follow(request.user, proposal):
        return _("You follow this proposal. We will e-mail you when its status changes."), "follow"
    return _("You no longer follow this proposal."), "follow"


def _comment(request, index_page, proposal, data):
    comment = idempotency.create_once(
        data[TOKEN_FIELD],
        COMMENT_PURPOSE,
        lambda: post_comment(request.user, proposal, data["text"], get_language())[0],
    ).record
    return _("Thank you. Your comment is published."), (
        f"comment-{comment.pk}" if comment is not None else "discussion"
    )


def _edit_screen(request, index_page, proposal):
    return write(request, index_page, proposal=proposal)


MODERATORS_ONLY = rule("proposals.moderate_proposal")
CITY_STAFF_ONLY = rule("proposals.answer_proposal")

ACTIONS = {
    "edit": ActionSpec(
        title=gettext_lazy("Change the proposal"),
        requirements=(Requirement(rule("proposals.edit_proposal"), edit_refusal),),
        screen=_edit_screen,
    ),
    "withdraw": ActionSpec(
        title=gettext_lazy("Withdraw the proposal"),
        requirements=(Requirement(rule("proposals.withdraw_proposal"), _withdraw_refusal),),
        operation=_withdraw,
        submit=gettext_lazy("Withdraw my proposal"),
        danger=True,
        note=gettext_lazy(
            "A withdrawn proposal stays readable with its discussion, but it no longer collects supports "
            "and the city does not evaluate it. This cannot be undone."
        ),
        lost_race_refusal=gettext_lazy("This proposal can no longer be withdrawn."),
    ),
    "support": ActionSpec(
        title=gettext_lazy("Support the proposal"),
        requirements=(
            Requirement(
                _may_change_support,
                _support_refusal,
                anchor="support",
                refusal_if_unconfirmed=gettext_lazy(
                    "Please confirm your e-mail address first; then you can support proposals."
                ),
            ),
        ),
        operation=_support,
        anchor="support",
        post_only=True,
        lost_race_refusal=gettext_lazy("Supports are collected only while a proposal is open."),
    ),
    "place": ActionSpec(
        title=gettext_lazy("Your placement on the matrix"),
        requirements=(
            Requirement(
                rule("proposals.place_proposal"),
                gettext_lazy("Residents place a proposal on the matrix while it is open for discussion."),
                anchor="matrix",
                refusal_if_unconfirmed=gettext_lazy(
                    "Please confirm your e-mail address first; then you can place proposals on the matrix."
                ),
            ),
        ),
        operation=_place,
        form_class=PlacementForm,
        form_kwargs=_own_placement,
        anchor="matrix",
        submit=gettext_lazy("Save my placement"),
        note=gettext_lazy(
            "You can change your placement while the proposal is open. The page shows the median of all."
        ),
    ),
    "official-placement": ActionSpec(
        title=gettext_lazy("Official placement on the matrix"),
        requirements=(
            Requirement(
                rule("proposals.set_official_placement"),
                gettext_lazy(
                    "Only moderators and the proposal’s working group can set the official placement."
                ),
                anchor="matrix",
            ),
        ),
        operation=_set_official_placement,
        form_class=OfficialPlacementForm,
        form_kwargs=_official_placement_now,
        anchor="matrix",
        submit=gettext_lazy("Save the official placement"),
    ),
    "answer": ActionSpec(
        title=gettext_lazy("Answer the proposal"),
        requirements=(
            Requirement(
                CITY_STAFF_ONLY, gettext_lazy("Only city staff can answer proposals."), anchor="history"
            ),
            Requirement(
                lambda request, proposal: bool(CITY_TRANSITIONS.get(proposal.status)),
                _no_status_follows,
                anchor="history",
            ),
        ),
        operation=_answer,
        form_class=AnswerForm,
        form_kwargs=_statuses_that_may_follow,
        anchor="history",
        submit=gettext_lazy("Publish the answer"),
        note=gettext_lazy("The answer is public and kept in the proposal’s history."),
    ),
    "progress": ActionSpec(
        title=gettext_lazy("Report progress"),
        requirements=(
            Requirement(
                CITY_STAFF_ONLY, gettext_lazy("Only city staff can report progress."), anchor="progress"
            ),
            Requirement(
                lambda request, proposal: proposal.takes_progress_updates,
                gettext_lazy("Progress is reported on accepted proposals until they are implemented."),
            ),
        ),
        operation=_report_progress,
        form_class=ProgressForm,
        anchor="progress",
        submit=gettext_lazy("Publish the update"),
    ),
    "hide": ActionSpec(
        title=gettext_lazy("Hide the proposal"),
        requirements=(
            Requirement(MODERATORS_ONLY, gettext_lazy("Only moderators can hide proposals.")),
            Requirement(
                lambda request, proposal: not proposal.is_hidden,
                gettext_lazy("This proposal is already hidden."),
            ),
        ),
        operation=_hide,
        form_class=HideProposalForm,
        submit=gettext_lazy("Hide the proposal"),
        danger=True,
        note=gettext_lazy("Its comments stay visible. Open reports on it are marked as dealt with."),
    ),
    "restore": ActionSpec(
        title=gettext_lazy("Restore the proposal"),
        requirements=(Requirement(MODERATORS_ONLY, gettext_lazy("Only moderators can restore proposals.")),),
        operation=_restore,
        post_only=True,
    ),
    "report": ActionSpec(
        title=gettext_lazy("Report the proposal"),
        requirements=(
            Requirement(
                lambda request, proposal: (
                    may(request.user, "proposals.report_proposal", proposal) and not proposal.is_hidden
                ),
                gettext_lazy("This proposal cannot be reported."),
            ),
        ),
        operation=_report,
        form_class=ReportProposalForm,
        anchor="report",
        submit=gettext_lazy("Send report"),
        # Anyone may report: the rule decides who, so signed-out people are refused rather than sent
        # to sign in.
        signed_in_only=False,
        rate_group="proposals.report",
        rate=REPORT_RATE,
    ),
    "follow": ActionSpec(
        title=gettext_lazy("Follow the proposal"),
        requirements=(
            Requirement(
                rule("proposals.follow_proposal"),
                gettext_lazy("A proposal can be followed once it is published."),
            ),
        ),
        operation=_follow,
        anchor="follow",
        post_only=True,
    ),
    "comment": ActionSpec(
        title=gettext_lazy("Comment on the proposal"),
        requirements=(
            Requirement(
                rule("participation.write_comment", with_proposal=False),
                gettext_lazy("Please confirm your e-mail address first; then you can comment."),
                unverified=True,
            ),
            Requirement(
                lambda request, proposal: proposal.accepts_comments,
                gettext_lazy("New comments cannot be added to this proposal."),
                anchor="discussion",
            ),
        ),
        operation=_comment,
        form_class=CommentForm,
        anchor="discussion",
        submit=gettext_lazy("Publish comment"),
        rate_group="proposals.comment",
        rate=COMMENT_RATE,
    ),
}


def action_urls(index_page, pk) -> dict:
    base = index_page.url
    return {
        name.replace("-", "_"): base + index_page.reverse_subpage("action_view", args=(pk, name))
        for name in ACTIONS
    }


def action(request, index_page, pk, action):
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    proposal = visible_proposal(request, index_page, pk)
    if spec.post_only and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if spec.signed_in_only and not request.user.is_authenticated:
        return sign_in_first(request, index_page, proposal, spec.anchor)
    for requirement in spec.requirements:
        if not requirement.met(request, proposal):
            return refused(
                request, index_page, proposal, spec, requirement.refusal_for(request.user, proposal)
            )
    if spec.screen is not None:
        return spec.screen(request, index_page, proposal)
    return carry_out(request, index_page, proposal, spec)
