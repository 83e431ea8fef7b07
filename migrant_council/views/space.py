"""What every screen of the members' space shares: who may do what (asked of the rules once per
request), the gate every view passes, the space's menu, rendering, and the shape of its form actions.
The screens are dashboard.py, drafts.py, comments.py, votes.py and meetings.py; the rules of drafts
and votes are in the services."""

from functools import cached_property, wraps

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy

from citysite.access import may

PER_PAGE = 20

# The links of the members' space, in order: (URL name, label, rule). A renamed URL fails loudly here
# rather than leaving the menu without its link.
SPACE_LINKS = [
    ("council_space:dashboard", gettext_lazy("Dashboard"), "enter_space"),
    ("council_space:drafts", gettext_lazy("Drafts"), "enter_space"),
    ("council_space:votes", gettext_lazy("Votes"), "enter_space"),
    ("council_space:meetings", gettext_lazy("Meetings"), "enter_space"),
    ("council_admin:home", gettext_lazy("Secretariat"), "run_council"),
]


class SpaceAccess:
    """What the person may do in the space, asked of the rules once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def enter(self) -> bool:
        return may(self.user, "migrant_council.enter_space")

    @cached_property
    def take_part(self) -> bool:
        return may(self.user, "migrant_council.take_part")

    @cached_property
    def run(self) -> bool:
        return may(self.user, "migrant_council.run_council")

    def allows(self, rule: str) -> bool:
        return getattr(self, {"enter_space": "enter", "take_part": "take_part", "run_council": "run"}[rule])


REFUSALS = {
    "enter_space": gettext_lazy(
        "The members' space is for the members of the migrant council with a current term and for the "
        "council secretariat."
    ),
    "take_part": gettext_lazy("Only members of the council with a current term can do this."),
    "run_council": gettext_lazy("Only the council secretariat can do this."),
}


def _refused(request, rule):
    response = TemplateResponse(
        request, "migrant_council/space/forbidden.html", {"refusal": REFUSALS[rule]}, status=403
    )
    add_never_cache_headers(response)
    return response


def space_view(rule="enter_space"):
    """Lets in only who may enter the space (and, for `rule`, do that). A visitor is sent to sign in;
    everyone else gets a page saying the space is not for them, and nothing of its content. Members
    without two-factor authentication set it up first whenever staff must use it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = SpaceAccess(request.user)
            request.council = access
            if not access.enter:
                return _refused(request, "enter_space")
            if settings.STAFF_MFA_REQUIRED and not is_mfa_enabled(request.user):
                return redirect("account_mfa_required")
            if not access.allows(rule):
                return _refused(request, rule)
            response = view(request, *args, **kwargs)
            # Drafts are for the council only: never kept by a browser or a shared cache.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response

        return wrapped

    return decorator


def space_menu(access, current):
    return [
        {"url": reverse(name), "label": label, "current": name == current}
        for name, label, rule in SPACE_LINKS
        if access.allows(rule)
    ]


def render(request, template, context, *, current=None, status=200):
    context = {"access": request.council, "space_nav": space_menu(request.council, current), **context}
    return TemplateResponse(request, f"migrant_council/space/{template}", context, status=status)


def draft_url(draft, anchor=""):
    return reverse("council_space:draft", args=[draft.pk]) + (f"#{anchor}" if anchor else "")


def form_action(request, forms, perform, show):
    """The one shape of the space's form screens. On a POST whose forms are all valid, `perform()` does
    the work through a service and returns where to go next; a ValidationError from the service is
    shown at the top of the first form. Otherwise `show(status)` shows the forms: 200 for a GET, 400
    for a POST that was refused."""
    if request.method != "POST":
        return show(200)
    if all(form.is_valid() for form in forms):
        try:
            return perform()
        except ValidationError as error:
            forms[0].add_error(None, error)
    return show(400)
