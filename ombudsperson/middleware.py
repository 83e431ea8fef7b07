"""Headers for every page that shows or takes a case: the public form, the receipt, the status page and
all of case handling. Nothing is kept in a browser's or a proxy's cache (a shared computer's back button
must not show a case), no address leaks to another site through the Referer header, and the browser
loads nothing from elsewhere.

Referrer-Policy is "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null` with
a form's POST, which Django's CSRF check (rightly) refuses, so no case could be sent. "same-origin" sends
no Referer to any other site, which is what protects a case's address.

Used as a view decorator (`case_page`); the class also works as a middleware limited to these views."""

from django.utils.cache import add_never_cache_headers
from django.utils.decorators import decorator_from_middleware

REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)


def protect_case_response(response, *, indexable: bool = False):
    add_never_cache_headers(
        response
    )  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    response["Pragma"] = "no-cache"
    response["Referrer-Policy"] = REFERRER_POLICY
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
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


case_page = decorator_from_middleware(CasePageHeadersMiddleware)
public_case_page = decorator_from_middleware(IndexableCasePageHeadersMiddleware)
