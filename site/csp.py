"""Content-Security-Policy on every response, through django-csp: the strict site policy of
settings.CONTENT_SECURITY_POLICY everywhere, relaxed only where the Wagtail admin cannot work without it.

Wagtail's own templates and form widgets write inline <script> elements (date pickers, inline panels, the
admin's start-up code) and inline style attributes; form widgets render without the request, so they
cannot carry a nonce (wagtail/wagtail#1288, #7053). The admin therefore gets 'unsafe-inline' for scripts
and styles, the data:/blob: images of its image previews, and may frame itself (the live preview panel):
on /admin/ only, and nowhere else. Everything else of the strict policy (default-src 'self',
object-src 'none', form-action 'self', base-uri 'self') holds in the admin too."""

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
