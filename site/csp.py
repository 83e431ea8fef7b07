"""Content-Security-Policy on every response, through django-csp: the strict site policy of
settings.CONTENT_SECURITY_POLICY everywhere, relaxed only where the Wagtail admin cannot work without it.

Wagtail's admin runs inline <script> elements (page explorer, page editor, reports: form widgets render
them without the request, so they cannot carry a nonce), the image focal-point cropper sets inline event
handlers, and the page editor's scripts insert <style> elements; its image previews are data: and blob:
images, and the live preview panel frames the admin itself (wagtail/wagtail#1288, #7053). So the admin gets
'unsafe-inline' for scripts and styles, those images and frame-ancestors 'self': on /admin/ only, and
nowhere else. The rest of the strict policy (default-src 'self', object-src 'none', form-action 'self',
base-uri 'self') holds in the admin too. tests/browser/test_csp.py shows which pages need what."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse

WAGTAIL_ADMIN_RELAXATIONS = {
    # No nonce here: a nonce in the list would make browsers ignore 'unsafe-inline'.
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *settings.CSP_MEDIA_ORIGINS],
    "frame-ancestors": [SELF],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**WAGTAIL_ADMIN_RELAXATIONS, **(parts.replace or {})}
        return parts
