"""What the proposal page, the proposal form and the action pages share.

The views are thin: forms validate, services (services.py) act and check permissions again. Signed-out
people are sent to sign in and brought back."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django_ratelimit.core import is_ratelimited

from citysite.access import may

from ..comment_places import proposal_path
from ..models import Proposal


def detail_url(index_page, pk, anchor="") -> str:
    return proposal_path(index_page, pk) + (f"#{anchor}" if anchor else "")


def page_context(request, page, **extra) -> dict:
    context = page.get_context(request)
    context["index_page"] = page
    context.update(extra)
    return context


def visible_proposal(request, index_page, pk, queryset=None) -> Proposal:
    """The proposal, if it belongs to this index and this person may see it (else 404)."""
    queryset = queryset if queryset is not None else Proposal.objects.select_related("author", "image")
    proposal = get_object_or_404(queryset, pk=pk, index_key=index_page.translation_key)
    if not may(request.user, "proposals.see_proposal", proposal):
        raise Http404
    return proposal


def sign_in_first(request, index_page, proposal, anchor=""):
    """To the sign-in page, and back: to the form when it was asked for, else to the proposal."""
    if request.method == "GET":
        return redirect_to_login(request.get_full_path())
    return redirect_to_login(detail_url(index_page, proposal.pk, anchor))


def rate_limited(request, group, rate) -> bool:
    return is_ratelimited(request, group=group, key="user_or_ip", rate=rate, increment=True)


def is_verified(user) -> bool:
    return may(user, "proposals.write_proposal")


def done(request, index_page, proposal, message, anchor=""):
    messages.success(request, message)
    return redirect(detail_url(index_page, proposal.pk, anchor))
