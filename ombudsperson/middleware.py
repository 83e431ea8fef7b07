"""Headers for every page that shows or takes a case: the public form, the receipt, the status page and
all of case handling. Nothing is kept in a browser's or a proxy's cache (a shared computer's back button
must not show a case), no address leaks to another site through the Referer header, and the browser
loads nothing from elsewhere: the site's Content-Security-Policy (django-csp), made stricter here, since
case pages run no script at all and need no <base>.

Referrer-Policy is "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null` with
a form's POST, which Django's CSRF check (rightly) refuses, so no case could be sent. "same-origin" sends
no Referer to any other site, which is what protects a case's address.

Used as view decorators: `case_page`, and `public_case_page` for the page with the form."""

from csp.constants import NONE
from csp.decorators import csp_replace
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import decorator_from_middleware

REFERRER_POLICY = "same-origin"
CASE_PAGE_CSP = {"script-src": [NONE], "base-uri": [NONE]}


def protect_case_response(response, *, indexable: bool = False):
    # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    add_never_cache_headers(response)
    response["Pragma"] = "no-cache"
    response["Referrer-Policy"] = REFERRER_POLICY
    response["X-Frame-Options"] = "DENY"
    if not indexable:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class CasePageHeadersMiddleware:
    indexable = False

    def __init__(self, get_response=None):
        self.get_response = get_response

    def __call__(self, request):
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        return protect_case_response(response, indexable=self.indexable)


class IndexableCasePageHeadersMiddleware(CasePageHeadersMiddleware):
    """The same for the public page with the form, which search engines may list."""

    indexable = True


def case_page(view):
    return csp_replace(CASE_PAGE_CSP)(decorator_from_middleware(CasePageHeadersMiddleware)(view))


def public_case_page(view):
    return csp_replace(CASE_PAGE_CSP)(decorator_from_middleware(IndexableCasePageHeadersMiddleware)(view))
