"""The secretariat's former addresses under /council/secretariat/ (in every language): each one now
sends its visitor to the same screen in the Wagtail admin (admin/viewsets.py)."""

from django.urls import path
from django.views.generic import RedirectView

from .admin.viewsets import council_secretariat_viewset


def moved_to(name):
    return RedirectView.as_view(pattern_name=f"council_admin:{name}", permanent=True, query_string=True)


urlpatterns = [
    path(route, moved_to(pattern.name))
    for pattern in council_secretariat_viewset.get_urlpatterns()
    for route in [str(pattern.pattern)]
]
