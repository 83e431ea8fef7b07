"""The site's URLs plus one view that refuses everyone: the 403 page as any refused request gets it,
whichever screen refuses (most screens answer with their own refusal text inside the page)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from citysite.urls import handler400, handler403, handler500, urlpatterns  # noqa: F401


def refuse_everyone(request):
    raise PermissionDenied


urlpatterns = i18n_patterns(path("refused/", refuse_everyone), prefix_default_language=False) + urlpatterns
