"""The proposal page, writing and changing a proposal, and every action on one.

The views are thin: forms validate, services (services.py) act and check permissions again. Every action
is a small form on the proposal page that posts to `<pk>/<action>/`; a form with errors, or a refusal,
is shown on a page of its own with what the person typed kept. Signed-out people are sent to sign in
and brought back."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from citysite import idempotency
from citysite.access import may
from citysite.idempotency import TOKEN_FIELD
from citysite.participation.services import post_comment
from citysite.participation.threads import threads_by_target
from citysite.receipts import commit

from . import services
from .forms import (
    AnswerForm,
    CommentForm,
    HideProposalForm,
    OfficialPlacementForm,
    PlacementForm,
    ProgressForm,
    ProposalForm,
    ReportProposalForm,
)
from .models import (
    CITY_TRANSITIONS,
    QUADRANT_MEANINGS,
    Placement,
    Proposal,
    ProposalFollow,
    Status,
    Support,
    crowd_medians,
    quadrant_of,
)
from .places import proposal_path
from .similarity import similar_proposals

CREATE_RATE = "10/h"
# What the submission tokens of the proposal and comment forms are claimed for (citysite.idempotency).
CREATE_PURPOSE = "proposals.create"
COMMENT_PURPOSE = "proposals.comment"
COMMENT_RATE = "10/10m"
REPORT_RATE = "10/h"

TOO_MANY = gettext_lazy("You have sent a lot in a short time. Please wait a few minutes and try again.")


# Helpers


def _detail_url(index_page, pk, anchor="") -> str:
    return proposal_path(index_page, pk) + (f"#{anchor}" if anchor else "")


def _action_urls(index_page, pk) -> dict:
    base = index_page.url
    return {
        name.replace("-", "_"): base + index_page.reverse_subpage("action_view", args=(pk, name))
        for name in ACTIONS
    }


def _context(request, page, **extra) -> dict:
    context = page.get_context(request)
    context["index_page"] = page
    context.update(extra)
    return context


def _proposal(request, index_page, pk, queryset=None) -> Proposal:
    """The proposal, if it belongs to this index and this person may see it (else 404)."""
    queryset = queryset if queryset is not None else Proposal.objects.select_related("author", "image")
    proposal = get_object_or_404(queryset, pk=pk, index_key=index_page.translation_key)
    if not may(request.user, "proposals.see_proposal", proposal):
        raise Http404
    return proposal


def _sign_in_first(request, index_page, proposal, anchor=""):
    """To the sign-in page, and back: to the form when it was asked for, else to the proposal."""
    if request.method == "GET":
        return redirect_to_login(request.get_full_path())
    return redirect_to_login(_detail_url(index_page, proposal.pk, anchor))


def _rate_limited(request, group, rate) -> bool:
    return is_ratelimited(request, group=group, key="user_or_ip", rate=rate, increment=True)


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
        _context(
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
            back_url=_detail_url(index_page, proposal.pk, anchor),
            detail_url=_detail_url(index_page, proposal.pk),
            urls=_action_urls(index_page, proposal.pk),
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


def _is_verified(user) -> bool:
    return may(user, "proposals.write_proposal")


def _done(request, index_page, proposal, message, anchor=""):
    messages.success(request, message)
    return redirect(_detail_url(index_page, proposal.pk, anchor))


# The proposal page


def _quadrant(index_page, impact, ease) -> dict | None:
    quadrant = quadrant_of(impact, ease, index_page.matrix_high_from)
    if quadrant is None:
        return None
    return {
        "code": quadrant.value,
        "label": index_page.quadrant_label(quadrant),
        "meaning": QUADRANT_MEANINGS[quadrant],
    }


def _abilities(user, proposal) -> dict:
    """What this person may do with the proposal, asked once for the whole page."""
    answer = may(user, "proposals.answer_proposal", proposal)
    return {
        "verified": _is_verified(user),
        "support": may(user, "proposals.support_proposal", proposal),
        "place": may(user, "proposals.place_proposal", proposal),
        "edit": may(user, "proposals.edit_proposal", proposal),
        "withdraw": may(user, "proposals.withdraw_proposal", proposal),
        "follow": may(user, "proposals.follow_proposal", proposal),
        "report": may(user, "proposals.report_proposal", proposal) and not proposal.is_hidden,
        "official_placement": may(user, "proposals.set_official_placement", proposal),
        "answer": answer and bool(CITY_TRANSITIONS.get(proposal.status)),
        "progress": answer and proposal.takes_progress_updates,
        "moderate": may(user, "proposals.moderate_proposal", proposal),
        "comment": proposal.accepts_comments and may(user, "participation.write_comment"),
        "comments_open": proposal.accepts_comments,
    }


def _page_forms(index_page, proposal, own_placement) -> dict:
    """The forms the page shows, empty or with the person's earlier values (a form sent with errors is
    shown on the action page, not here)."""
    placed_by = proposal.official_placement_by or (
        proposal.working_group.title if proposal.working_group else ""
    )
    official_initial = {"placed_by": placed_by}
    if proposal.official_impact is not None:
        official_initial.update({"impact": proposal.official_impact, "ease": proposal.official_ease})
    return {
        "placement_form": PlacementForm(
            initial={"impact": own_placement[0], "ease": own_placement[1]} if own_placement else None
        ),
        "official_form": OfficialPlacementForm(initial=official_initial),
        "answer_form": AnswerForm(allowed_statuses=CITY_TRANSITIONS.get(proposal.status, ())),
        "progress_form": ProgressForm(),
        "hide_form": HideProposalForm(),
        "report_form": ReportProposalForm(),
        "comment_form": CommentForm(),
    }


def detail(request, index_page, pk):
    queryset = (
        Proposal.objects.with_counts()
        .select_related("author", "image", "working_group", "consultation")
        .prefetch_related("dimensions")
    )
    proposal = _proposal(request, index_page, pk, queryset)
    user = request.user

    placements = list(Placement.objects.filter(proposal=proposal).values_list("user_id", "impact", "ease"))
    own_placement = next(((impact, ease) for who, impact, ease in placements if who == user.pk), None)
    medians = crowd_medians((impact, ease) for _who, impact, ease in placements)
    crowd = None
    if medians:
        crowd = {
            "impact": medians[0],
            "ease": medians[1],
            "count": len(placements),
            "quadrant": _quadrant(index_page, *medians),
        }
    official = None
    if proposal.official_impact is not None and proposal.official_ease is not None:
        official = {
            "impact": proposal.official_impact,
            "ease": proposal.official_ease,
            "quadrant": _quadrant(index_page, proposal.official_impact, proposal.official_ease),
            "placed_by": proposal.official_placement_by,
            "placed_at": proposal.official_placement_at,
        }

    threshold = index_page.support_threshold
    context = _context(
        request,
        index_page,
        proposal=proposal,
        can=_abilities(user, proposal),
        supports=proposal.support_count,
        supported=user.is_authenticated and Support.objects.filter(proposal=proposal, user=user).exists(),
        following=user.is_authenticated
        and ProposalFollow.objects.filter(proposal=proposal, user=user).exists(),
        threshold=threshold if threshold and proposal.status == Status.PUBLISHED else 0,
        supports_needed=max(0, threshold - proposal.support_count),
        supports_towards=min(threshold, proposal.support_count),
        detail_url=_detail_url(index_page, proposal.pk),
        urls=_action_urls(index_page, proposal.pk),
        list_url=index_page.url,
        official=official,
        crowd=crowd,
        own_placement=own_placement,
        history=list(proposal.status_changes.all()),
        progress_updates=list(proposal.progress_updates.all()),
        threads=threads_by_target(Proposal, [proposal.pk]).get(proposal.pk, []),
        **_page_forms(index_page, proposal, own_placement),
    )
    return TemplateResponse(request, "proposals/detail.html", context)


# Writing a proposal


def similar(request, index_page):
    """The similar-proposals fragment for a title being typed (empty for a short or empty title)."""
    title = request.GET.get("title", "")[:200]
    try:
        exclude = int(request.GET.get("exclude", ""))
    except ValueError:
        exclude = None
    return TemplateResponse(
        request,
        "proposals/includes/similar.html",
        _suggestions_context(index_page, title, exclude),
    )


def _suggestions_context(index_page, title, exclude_pk=None) -> dict:
    found = similar_proposals(index_page.translation_key, title, exclude_pk=exclude_pk)
    counts = (
        dict(
            Support.objects.filter(proposal__in=found)
            .order_by()
            .values("proposal")
            .annotate(total=Count("pk"))
            .values_list("proposal", "total")
        )
        if found
        else {}
    )
    for proposal in found:
        proposal.support_total = counts.get(proposal.pk, 0)
        proposal.url = _detail_url(index_page, proposal.pk)
    return {"similar": found, "similar_title": " ".join(title.split())}


def _form_page(
    request,
    index_page,
    form,
    *,
    proposal=None,
    status=200,
    suggestions=None,
    refusal="",
    unverified=False,
    asked_again=False,
):
    files_dropped = request.method == "POST" and bool(request.FILES.get("image"))
    return TemplateResponse(
        request,
        "proposals/proposal_form.html",
        _context(
            request,
            index_page,
            form=form,
            proposal=proposal,
            refusal=refusal,
            unverified=unverified,
            asked_again=asked_again,
            files_dropped=files_dropped,
            form_url=(
                index_page.url + index_page.reverse_subpage("action_view", args=(proposal.pk, "edit"))
                if proposal is not None
                else index_page.url + index_page.reverse_subpage("create_view")
            ),
            similar_url=index_page.url + index_page.reverse_subpage("similar_view"),
            back_url=_detail_url(index_page, proposal.pk) if proposal is not None else index_page.url,
            **(suggestions or {"similar": [], "similar_title": ""}),
        ),
        status=status,
    )


def _write(request, index_page, *, proposal=None):
    """The proposal form, for a new proposal or the author's changes: "Check for similar proposals"
    shows suggestions; sending a title not yet checked shows them once before saving."""
    exclude = proposal.pk if proposal is not None else None
    if request.method != "POST":
        return _form_page(request, index_page, ProposalForm(proposal=proposal), proposal=proposal)

    if "check" in request.POST:
        title = request.POST.get("title", "")
        suggestions = _suggestions_context(index_page, title, exclude)
        suggestions["similar_checked_now"] = True
        form = ProposalForm.shown_again(request.POST, proposal=proposal, similar_checked=title)
        return _form_page(request, index_page, form, proposal=proposal, suggestions=suggestions)

    form = ProposalForm(request.POST, request.FILES, proposal=proposal)
    if not form.is_valid():
        return _form_page(request, index_page, form, proposal=proposal, status=400)
    title = form.cleaned_data["title"]
    token = form.cleaned_data[TOKEN_FIELD]
    if form.needs_similar_check():
        suggestions = _suggestions_context(index_page, title, exclude)
        if suggestions["similar"]:
            # A resent form finds the proposal it already created among the similar ones.
            earlier = idempotency.claimed(token, CREATE_PURPOSE) if proposal is None else None
            if earlier is not None:
                return _created(request, index_page, earlier.target)
            form.mark_similar_checked(title)
            return _form_page(
                request, index_page, form, proposal=proposal, suggestions=suggestions, asked_again=True
            )

    def create_proposal():
        # Checked once the token is claimed, so that the copies of a double submit do not count.
        if _rate_limited(request, "proposals.create", CREATE_RATE):
            raise _TooMany
        image = form.save_image(request.user)
        saved, created = services.create_proposal(
            request.user, index_page, image=image, **form.proposal_fields()
        )
        if not created and image is not None:
            image.delete()  # the same proposal sent again with a new form: the first one kept its image
        return saved

    try:
        if proposal is None:
            # Found before the commit: once the proposal is saved, leading its author to it needs
            # neither the cache nor the database, so nothing failing then can hide it from them.
            index_url = index_page.url
            saved = commit(
                lambda: idempotency.create_once(token, CREATE_PURPOSE, create_proposal).record,
                what="A proposal",
            )
        else:
            with transaction.atomic():
                image = form.save_image(request.user)
                saved = services.edit_proposal(request.user, proposal, image=image, **form.proposal_fields())
    except _TooMany:
        form.add_error(None, TOO_MANY)
        return _form_page(request, index_page, form, status=429)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, index_page, form, proposal=proposal, status=400)
    except PermissionDenied:
        refusal = (
            _edit_refusal(request.user, proposal)
            if proposal is not None
            else _("Please confirm your e-mail address first; then you can write a proposal.")
        )
        return _form_page(request, index_page, form, proposal=proposal, status=403, refusal=refusal)
    if proposal is not None:
        return _done(request, index_page, saved, _("Your changes are saved."))
    return _created(request, index_page, saved, index_url=index_url)


class _TooMany(Exception):
    """The person sent more proposals than the rate allows."""


def _created(request, index_page, proposal, *, index_url=None):
    """Where a new proposal's form leads: the proposal, also for the copies of a double submit.
    `index_url`, found before a commit, spares the cache after it."""
    index_url = index_page.url if index_url is None else index_url
    if proposal is None:  # created, then deleted before the copy arrived
        return redirect(index_url)
    if proposal.status == Status.SUBMITTED:
        message = _(
            "Thank you. Your proposal is saved; it will appear for everyone after a moderator has checked it."
        )
    else:
        message = _("Thank you. Your proposal is published.")
    messages.success(request, message)
    return redirect(index_url + index_page.reverse_subpage("detail_view", args=(proposal.pk,)))


def create(request, index_page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(user, "proposals.write_proposal"):
        return _form_page(
            request,
            index_page,
            None,
            status=403,
            unverified=True,
            refusal=_("Please confirm your e-mail address first; then you can write a proposal."),
        )
    if not index_page.accepting_proposals:
        return _form_page(
            request, index_page, None, status=403, refusal=_("This call for proposals is closed.")
        )
    return _write(request, index_page)


# Actions


def _edit_refusal(user, proposal) -> str:
    if proposal is None or proposal.author_id != user.pk:
        return _("Only the author can change a proposal.")
    if proposal.status == Status.WITHDRAWN:
        return _("This proposal was withdrawn, so it can no longer be changed.")
    if proposal.is_hidden:
        return _("A moderator has hidden this proposal, so it can no longer be changed.")
    return _(
        "The city has already answered this proposal, so it can no longer be changed. You can add a "
        "comment instead."
    )


def _edit(request, index_page, proposal):
    user = request.user
    if not user.is_authenticated:
        return _sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.edit_proposal", proposal):
        return _refused(
            request, index_page, proposal, _("Change the proposal"), _edit_refusal(user, proposal)
        )
    return _write(request, index_page, proposal=proposal)


def _withdraw(request, index_page, proposal):
    user = request.user
    title = _("Withdraw the proposal")
    if not user.is_authenticated:
        return _sign_in_first(request, index_page, proposal)
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
        return _done(request, index_page, proposal, _("Your proposal is withdrawn."), "history")
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
        return _sign_in_first(request, index_page, proposal, "support")
    title = _("Support the proposal")
    wanted = request.POST.get("support") != "0"
    has_support = Support.objects.filter(proposal=proposal, user=user).exists()
    if wanted and not has_support and not may(user, "proposals.support_proposal", proposal):
        if not _is_verified(user):
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
    return _done(request, index_page, proposal, message, "support")


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
            if rate_group and _rate_limited(request, rate_group, rate):
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
                    return _done(request, index_page, proposal, message, anchor)
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
        return _sign_in_first(request, index_page, proposal, "matrix")
    if not may(user, "proposals.place_proposal", proposal):
        if not _is_verified(user):
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
        return _sign_in_first(request, index_page, proposal, "matrix")
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
        return _sign_in_first(request, index_page, proposal, "history")
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
        return _sign_in_first(request, index_page, proposal, "progress")
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
        return _sign_in_first(request, index_page, proposal)
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
        return _sign_in_first(request, index_page, proposal)
    if not may(user, "proposals.moderate_proposal", proposal):
        return _refused(
            request,
            index_page,
            proposal,
            _("Restore the proposal"),
            _("Only moderators can restore proposals."),
        )
    services.restore_proposal(user, proposal)
    return _done(request, index_page, proposal, _("The proposal is shown again."))


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
        return _sign_in_first(request, index_page, proposal, "follow")
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
    return _done(request, index_page, proposal, message, "follow")


def _comment(request, index_page, proposal):
    user = request.user
    title = _("Comment on the proposal")
    if not user.is_authenticated:
        return _sign_in_first(request, index_page, proposal, "discussion")
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
    proposal = _proposal(request, index_page, pk)
    return handler(request, index_page, proposal)
