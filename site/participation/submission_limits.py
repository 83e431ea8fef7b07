"""How many forms one internet address and one browser may send in an hour (anonymous consultation
answers, ombudsperson cases).

Counting per address alone refuses the eleventh person behind a mobile carrier's shared address or a
library's Wi-Fi. So a form is counted twice: per address, with an allowance large enough for a whole
library, and per browser, with a small one meant for one person (or a few taking turns at a shared
computer). A browser is known by a signed cookie holding a random id, set when it first sends a counted
form and kept for an hour after the last one; it says nothing about the person. A program that drops the
cookie is a new browser with every form, which is why the address allowance stays as the backstop.

The address is the one django-ratelimit reads (RATELIMIT_IP_META_KEY): behind a proxy that must be a
header the proxy overwrites, or anyone could claim any address (README, docs/deployment.md)."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from .spam import RATE_LIMIT_MESSAGE

BROWSER_COOKIE = "citysite_sender"
BROWSER_COOKIE_SALT = "citysite.participation.submission_limits.browser"
BROWSER_COOKIE_SECONDS = 60 * 60
# Where the browser's id waits between counting a form and answering it (the cookie is set on the answer).
_BROWSER_ID_ATTRIBUTE = "_citysite_sender_browser"

BROWSER_LIMIT_MESSAGE = _(
    "We did not save this form because many forms were sent from this browser in a short time. Please "
    "try again in an hour. Your answers are still in the form below."
)


@dataclass(frozen=True)
class SubmissionLimits:
    """The allowances of one form: django-ratelimit rates such as "60/h"."""

    group: str  # names what is counted: one form (and one consultation) never uses up another's allowance
    per_address: str
    per_browser: str
    address_message: str = RATE_LIMIT_MESSAGE


def browser_id(request) -> str:
    """The id in this browser's cookie, or a new one (sent back by `remember_browser`)."""
    known = getattr(request, _BROWSER_ID_ATTRIBUTE, None)
    if known is None:
        known = request.get_signed_cookie(
            BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT, max_age=BROWSER_COOKIE_SECONDS
        )
        if known is None:
            known = uuid.uuid4().hex
        setattr(request, _BROWSER_ID_ATTRIBUTE, known)
    return known


def refusal(request, limits: SubmissionLimits) -> str | None:
    """Counts this submission for its browser and for its address, and returns what to tell the person
    when either allowance is used up (None when it may be saved). Call it only for submissions that
    would be saved, so that correcting mistakes never counts, and send the response through
    `remember_browser`.

    The browser is counted first: a browser over its own allowance does not eat into the allowance its
    neighbours on the same address share."""
    browser = browser_id(request)
    if is_ratelimited(
        request,
        group=f"{limits.group}.browser",
        key=lambda _group, _request: browser,
        rate=limits.per_browser,
        method=is_ratelimited.ALL,
        increment=True,
    ):
        return BROWSER_LIMIT_MESSAGE
    if is_ratelimited(
        request,
        group=f"{limits.group}.address",
        key="ip",
        rate=limits.per_address,
        method=is_ratelimited.ALL,
        increment=True,
    ):
        return limits.address_message
    return None


def remember_browser(request, response):
    """Sets (or renews) the browser's cookie on `response` if this request was counted."""
    known = getattr(request, _BROWSER_ID_ATTRIBUTE, None)
    if known is not None:
        response.set_signed_cookie(
            BROWSER_COOKIE,
            known,
            salt=BROWSER_COOKIE_SALT,
            max_age=BROWSER_COOKIE_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
