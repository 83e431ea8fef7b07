"""Error pages in the reader's language (LocaleMiddleware has chosen it from the URL before anything can
fail), rendered without the database or the cache so that they work when those are what failed.

An outage of the database or of a cache is not the site's fault nor the reader's: it answers 503 with
Retry-After, so browsers, crawlers and monitors know to come back, instead of 500."""

import sys

from django import db
from django.http import HttpResponse
from django.template import loader
from redis.exceptions import RedisError

OUTAGE_ERRORS = (db.OperationalError, db.InterfaceError, RedisError)
RETRY_AFTER_SECONDS = 60


def error_page(template_name: str, status: int, **context) -> HttpResponse:
    return HttpResponse(loader.get_template(template_name).render(context), status=status)


def bad_request(request, exception=None):
    return error_page("400.html", 400)


def permission_denied(request, exception=None):
    return error_page("403.html", 403)


def service_unavailable() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    # Django calls this inside its handler of the uncaught exception, so the exception is at hand.
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return service_unavailable()
    return error_page("500.html", 500)
