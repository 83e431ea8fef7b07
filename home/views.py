from django.shortcuts import render
from wagtail.models import Locale, Page

from .models import paginate

MAX_QUERY_LENGTH = 200


def search(request):
    """Site-wide search over the live, public pages in the current language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(query), per_page=20)
    return render(request, "home/search.html", {"query": query, "results": results})
