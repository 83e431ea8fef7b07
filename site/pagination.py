"""Pages of a list, as every public listing of the site shows them."""

from django.core.paginator import Paginator

LIST_PAGE_SIZE = 12


def paginate(request, queryset, per_page=LIST_PAGE_SIZE, *, parameter="page"):
    """The page of `queryset` that the query string asks for; the first page for a missing or broken
    number, the last one for a number past the end."""
    return Paginator(queryset, per_page).get_page(request.GET.get(parameter))
