"""How an action on a proposal is declared (ActionSpec, with its Requirements) and carried out, the same
way for every action: the table of actions is in actions.py."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from citysite.access import may
from citysite.forms import TOO_MANY

from .common import detail_url, done, is_verified, page_context, rate_limited


@dataclass(frozen=True)
class Requirement:
    """Something an action needs, and what a person who does not meet it is told (with status 403)."""

    met: Callable  # (request, proposal) -> bool
    refusal: str | Callable  # the reason, or (user, proposal) -> the reason
    anchor: str = ""  # where on the proposal page the refusal's "Back to the proposal" leads
    unverified: bool = False  # the reason is an unconfirmed e-mail address: the refusal offers to confirm
    # Said instead of `refusal` to a person whose e-mail address is not confirmed yet.
    refusal_if_unconfirmed: str = ""

    def refusal_for(self, user, proposal) -> dict | None:
        """What the refusal page says to this person: the reason, the anchor and the offer to confirm."""
        if self.refusal_if_unconfirmed and not is_verified(user):
            return {"reason": self.refusal_if_unconfirmed, "anchor": "", "unverified": True}
        reason = self.refusal(user, proposal) if callable(self.refusal) else self.refusal
        return {"reason": reason, "anchor": self.anchor, "unverified": self.unverified}


@dataclass(frozen=True)
class ActionSpec:
    """One action on a proposal. `operation(request, index_page, proposal, data)` calls the service with
    the form's cleaned data ({} without a form) and returns (the message shown, where on the proposal
    page the person returns); ValidationError appears on the form, PermissionDenied (the proposal changed
    since the checks) refuses with `lost_race_refusal`."""

    title: str
    requirements: tuple[Requirement, ...]
    operation: Callable | None = None
    form_class: type | None = None
    form_kwargs: Callable | None = None  # (request, proposal) -> keyword arguments of the form
    # Where on the proposal page the action lives: sign-in comes back there, and so does the form page.
    anchor: str = ""
    submit: str = ""
    note: str = ""
    danger: bool = False
    post_only: bool = False  # a button on the proposal page, with no page of its own
    signed_in_only: bool = True
    rate_group: str = ""
    rate: str = ""
    lost_race_refusal: str = gettext_lazy("You cannot do this any more.")
    screen: Callable | None = None  # (request, index_page, proposal): a page of its own instead of the form


def rule(name: str, *, with_proposal=True) -> Callable:
    def met(request, proposal) -> bool:
        return may(request.user, name, proposal) if with_proposal else may(request.user, name)

    return met


def _action_page(request, index_page, proposal, spec, *, form=None, refusal=None, status=200):
    refusal = refusal or {}
    return TemplateResponse(
        request,
        "proposals/action.html",
        page_context(
            request,
            index_page,
            proposal=proposal,
            title=spec.title,
            form=form,
            submit_label=spec.submit,
            note=spec.note,
            refusal=refusal.get("reason", ""),
            unverified=refusal.get("unverified", False),
            danger=spec.danger,
            back_url=detail_url(index_page, proposal.pk, refusal.get("anchor", spec.anchor)),
            detail_url=detail_url(index_page, proposal.pk),
        ),
        status=status,
    )


def refused(request, index_page, proposal, spec, refusal):
    return _action_page(request, index_page, proposal, spec, refusal=refusal, status=403)


def carry_out(request, index_page, proposal, spec):
    """Shows the action's form (GET) or acts on it (POST). Problems the service finds appear on the
    form."""
    form = None
    if spec.form_class is not None:
        kwargs = spec.form_kwargs(request, proposal) if spec.form_kwargs else {}
        form = spec.form_class(request.POST if request.method == "POST" else None, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form is None or form.is_valid():
            if spec.rate_group and rate_limited(request, spec.rate_group, spec.rate):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                try:
                    message, anchor = spec.operation(
                        request, index_page, proposal, form.cleaned_data if form else {}
                    )
                except ValidationError as error:
                    if form is None:
                        raise
                    form.add_error(None, error)
                except PermissionDenied:
                    refusal = {"reason": spec.lost_race_refusal, "anchor": ""}
                    return refused(request, index_page, proposal, spec, refusal)
                else:
                    return done(request, index_page, proposal, message, anchor)
    return _action_page(request, index_page, proposal, spec, form=form, status=status)
