"""Requests refused before any view sees them, each with a translated page (the list in
settings.MIDDLEWARE puts these after LocaleMiddleware, so the reader's language is already chosen)."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from citysite.errors import bad_request, error_page
from citysite.forms import WEB_IMAGE_MAX_BYTES
from ombudsperson.forms import ATTACHMENT_MAX_BYTES


def _largest_upload(path: str) -> int:
    """The largest file any form under this path accepts."""
    if path.startswith(reverse("wagtailadmin_home")):
        return max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    # Proposal images and council photos are both citysite.forms.WebImageField.
    return max(ATTACHMENT_MAX_BYTES, WEB_IMAGE_MAX_BYTES)


def body_limit(request: HttpRequest) -> int:
    """How large a request body this path may receive. A file upload may exceed its form's own limit a
    little, so that the form can say so beside what the person typed; beyond this it is refused unread."""
    form_fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.content_type == "multipart/form-data":
        return _largest_upload(request.path_info) + form_fields
    return form_fields


class RequestBodyLimitMiddleware:
    """Refuses a body larger than the path can take by its Content-Length, before reading it: Django
    would otherwise read a whole 50 MB upload into temporary files only for the form to refuse it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body at all then
        limit = body_limit(request)
        if length > limit:
            # The body stays unread. Closing the connection is the server's business (a WSGI
            # application may not send Connection); the proxy in front should cap bodies as well.
            return error_page("413.html", 413, limit=limit)
        return self.get_response(request)


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in value for value in items) for key, items in values)


class RejectNulCharacterMiddleware:
    """A NUL character has no place in an address or a form, and PostgreSQL refuses it in text, so a
    search for `%00` used to end in a server error. Refused here with a 400 page, once for every view,
    whether it reads its input through a form or directly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path_info
            or _has_nul(request.GET.lists())
            # Django drops unprintable characters from uploaded file names itself.
            or (request.method == "POST" and _has_nul(request.POST.lists()))
        ):
            return bad_request(request)
        return self.get_response(request)
