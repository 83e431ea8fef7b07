"""Writing a proposal and changing one: the proposal form, the similar proposals it suggests while a
title is typed and once more before a new title is saved, and where a saved proposal leads."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from citysite import idempotency
from citysite.access import may
from citysite.forms import TOO_MANY
from citysite.idempotency import TOKEN_FIELD
from citysite.receipts import commit

from .. import services
from ..forms import ProposalForm
from ..models import Status, Support
from ..similarity import similar_proposals
from .common import detail_url, done, page_context, rate_limited

CREATE_RATE = "10/h"
# What the submission token of the proposal form is claimed for (citysite.idempotency).
CREATE_PURPOSE = "proposals.create"


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
        proposal.url = detail_url(index_page, proposal.pk)
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
        page_context(
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
            back_url=detail_url(index_page, proposal.pk) if proposal is not None else index_page.url,
            **(suggestions or {"similar": [], "similar_title": ""}),
        ),
        status=status,
    )


def write(request, index_page, *, proposal=None):
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
        if rate_limited(request, "proposals.create", CREATE_RATE):
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
            edit_refusal(request.user, proposal)
            if proposal is not None
            else _("Please confirm your e-mail address first; then you can write a proposal.")
        )
        return _form_page(request, index_page, form, proposal=proposal, status=403, refusal=refusal)
    if proposal is not None:
        return done(request, index_page, saved, _("Your changes are saved."))
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
    return write(request, index_page)


def edit_refusal(user, proposal) -> str:
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
