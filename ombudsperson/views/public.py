"""The public side of the ombudsperson: the page with the case form, the receipt that shows the reference
and secret code once, and the status page where a person reads the replies with both.

No account is needed and none is used. The secret code never appears in a URL, an e-mail or a log: it is
shown once, from the session, where it waits encrypted between the form and the receipt."""

import logging
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_ratelimit.core import get_usage

from citysite.cache import cache_is_healthy
from citysite.errors import RETRY_AFTER_SECONDS
from citysite.participation import submission_limits
from citysite.receipts import commit

from .. import crypto, services
from ..forms import CASE_NOT_FOUND, FILE_NOT_KEPT, TOO_MANY_ATTEMPTS, CaseForm, StatusLookupForm
from ..middleware import case_page, public_case_page
from ..models import Case

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "ombudsperson.receipt"
STATUS_SESSION_KEY = "ombudsperson.status"
# How long a person who gave the right reference and code may reload their status page without giving
# them again.
STATUS_SESSION_SECONDS = 15 * 60

CASE_RATE_GROUP = "ombudsperson.case_form"
ATTEMPTS_GROUP_IP = "ombudsperson.status.ip"
ATTEMPTS_GROUP_REFERENCE = "ombudsperson.status.reference"
LOOKUP_UNAVAILABLE = _lazy(
    "We cannot check case codes at the moment because a service that protects them is not answering. "
    "Your case is safe. Please try again in a few minutes."
)


def case_limits() -> submission_limits.SubmissionLimits:
    """How many cases one internet address (an NGO's office, a library, a mobile network: many people) and
    one browser (one person, or a few taking turns at a shared computer) may file."""
    return submission_limits.SubmissionLimits(
        group=CASE_RATE_GROUP,
        per_address=getattr(settings, "OMBUDSPERSON_CASE_RATE", "30/h"),
        per_browser=getattr(settings, "OMBUDSPERSON_CASE_BROWSER_RATE", "5/h"),
    )


def attempts_rate() -> str:
    """How many wrong reference-and-code pairs are allowed, per address and per reference."""
    return getattr(settings, "OMBUDSPERSON_STATUS_ATTEMPTS_RATE", "10/h")


def _page_context(request, page, **context):
    full_context = page.get_context(request)
    full_context.update(context)
    return full_context


def _page_url(request, page, route: str) -> str:
    return page.get_url(request) + page.reverse_subpage(route)


# --- the form ----------------------------------------------------------------------------------------


@public_case_page
def case_form(request, page):
    status = 200
    if request.method == "POST":
        duplicate = _already_filed(request.POST.get("submission_token"))
        if duplicate is not None:
            return redirect(_page_url(request, page, "received"))
        form = CaseForm(request.POST, request.FILES)
        if form.is_valid():
            refusal = submission_limits.refusal(request, case_limits())
            if refusal:
                form.add_error(None, refusal)
                status = 429
            else:
                response = _file_and_show_receipt(request, page, form)
                return submission_limits.remember_browser(request, response)
        file_was_chosen = bool(request.FILES.get("attachment"))
    else:
        form = CaseForm()
        file_was_chosen = False
    context = _page_context(
        request,
        page,
        form=form,
        file_not_kept=FILE_NOT_KEPT if file_was_chosen and form.errors else "",
        status_url=_page_url(request, page, "status"),
    )
    response = TemplateResponse(request, "ombudsperson/ombudsperson_page.html", context, status=status)
    return submission_limits.remember_browser(request, response)


def _file_and_show_receipt(request, page, form):
    """Files the case and leads to its receipt. The receipt's address is found before the transaction
    and the reference and encrypted code inside it, so that once the case is committed nothing that fails
    (the cache, an on_commit callback) can keep them from the person: their only way back to the case."""
    receipt_url = _page_url(request, page, "received")

    def file_case():
        case, code = services.file_case(**form.case_input())
        return {"reference": case.reference, "code": crypto.encrypt_text(code)}

    try:
        shown = commit(file_case, what="An ombudsperson case")
    except IntegrityError:
        # The same form, sent twice at once: the other request filed the case and shows the receipt;
        # this one must not touch the session.
        if _already_filed(form.cleaned_data["submission_token"]) is None:
            raise
    else:
        request.session[RECEIPT_SESSION_KEY] = shown
    return redirect(receipt_url)


def _already_filed(token):
    """The case a form with this token filed already, or None (a missing or tampered token is no token)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return services.case_for_submission(token)


@case_page
def receipt(request, page):
    """The reference and code, shown once: taken out of the session as they are shown."""
    shown = request.session.pop(RECEIPT_SESSION_KEY, None)
    code = ""
    if shown:
        try:
            code = crypto.decrypt_text(shown["code"])
        except (crypto.InvalidToken, KeyError, TypeError):
            shown = None
    reference = shown["reference"] if shown else ""
    try:
        context = _page_context(
            request,
            page,
            reference=reference,
            code=code,
            status_url=_page_url(request, page, "status"),
            form_url=page.get_url(request),
        )
        return TemplateResponse(request, "ombudsperson/receipt.html", context).render()
    except Exception:
        if not reference:
            raise
        # The site around the receipt (menus, links, the page's context) failed. The code is in hand and
        # already taken out of the session: the person gets it on a plain page rather than an error.
        logger.exception("The ombudsperson receipt page failed; the plain receipt is shown")
        return TemplateResponse(
            request, "ombudsperson/receipt_plain.html", {"reference": reference, "code": code}
        )


# --- the status page ---------------------------------------------------------------------------------


def _reference_key(_group, request):
    return request.POST.get("reference", "").strip().upper()[:40]


def _attempt_counts(request, *, increment: bool) -> list[dict | None]:
    rate = attempts_rate()
    return [
        get_usage(request, group=ATTEMPTS_GROUP_IP, key="ip", rate=rate, increment=increment),
        get_usage(
            request, group=ATTEMPTS_GROUP_REFERENCE, key=_reference_key, rate=rate, increment=increment
        ),
    ]


def _too_many_attempts(request) -> bool:
    """Whether the address or the reference used up its wrong attempts (checked before each try, so even
    the right pair waits: otherwise the limit would tell when the right one was found)."""
    return any(
        usage is not None and usage["count"] >= usage["limit"]
        for usage in _attempt_counts(request, increment=False)
    )


def _case_in_session(request):
    remembered = request.session.get(STATUS_SESSION_KEY)
    if not remembered:
        return None
    if time.time() > remembered.get("until", 0):
        del request.session[STATUS_SESSION_KEY]
        return None
    case = Case.objects.filter(pk=remembered.get("case")).first()
    if case is None:  # deleted after its retention period
        del request.session[STATUS_SESSION_KEY]
    return case


def _lookup_response(request, page, form, status=200):
    context = _page_context(request, page, form=form, case=None)
    return TemplateResponse(request, "ombudsperson/status.html", context, status=status)


@case_page
def case_status(request, page):
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        if not form.is_valid():
            return _lookup_response(request, page, form)
        if not cache_is_healthy():
            # Wrong attempts are counted in the shared cache; counted per process while it is away,
            # a guesser would get the allowance once per process and again after every restart.
            form = StatusLookupForm(initial={"reference": form.cleaned_data["reference"]})
            form.unavailable = LOOKUP_UNAVAILABLE
            response = _lookup_response(request, page, form, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        if _too_many_attempts(request):
            form = StatusLookupForm(initial={"reference": form.cleaned_data["reference"]})
            form.too_many = TOO_MANY_ATTEMPTS
            return _lookup_response(request, page, form, status=429)
        case = Case.find(form.cleaned_data["reference"], form.cleaned_data["code"])
        if case is None:
            _attempt_counts(request, increment=True)
            # The code is never typed back into the page; the reference is, whether it exists or not.
            form = StatusLookupForm(initial={"reference": form.cleaned_data["reference"]})
            form.not_found = CASE_NOT_FOUND
            return _lookup_response(request, page, form)
        request.session.cycle_key()
        request.session[STATUS_SESSION_KEY] = {"case": case.pk, "until": time.time() + STATUS_SESSION_SECONDS}
        return redirect(_page_url(request, page, "status"))

    case = _case_in_session(request)
    if case is None:
        return _lookup_response(request, page, StatusLookupForm())
    services.person_viewed(case)
    context = _page_context(
        request,
        page,
        case=case,
        replies=services.replies_for_person(case),
        leave_url=_page_url(request, page, "leave_status"),
        minutes=STATUS_SESSION_SECONDS // 60,
    )
    return TemplateResponse(request, "ombudsperson/status.html", context)


@case_page
def leave_status(request, page):
    """Forgets the case this browser opened (on a shared computer, the next person cannot reload it)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    request.session.pop(STATUS_SESSION_KEY, None)
    messages.success(request, _("You closed your case. To read it again, enter its reference and code."))
    return redirect(_page_url(request, page, "status"))
