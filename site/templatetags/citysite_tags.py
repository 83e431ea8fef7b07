from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language, where the current page lives in it: the page's translation when there is
    one, that language's home page when there is not, and the same URL for views that are not pages."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    if isinstance(page, Page) and page.pk:
        targets = _page_translation_urls(request, page)
    else:
        path = request.get_full_path()
        targets = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    return [
        {"code": code, "name": name, "url": targets[code], "is_current": code == current}
        for code, name in settings.LANGUAGES
    ]


def _page_translation_urls(request, page):
    translations = {
        other.locale.language_code: other
        for other in page.get_translations(inclusive=True).live().select_related("locale")
    }
    missing = [code for code, _name in settings.LANGUAGES if code not in translations]
    homes = {}
    if missing:
        site = Site.find_for_request(request)
        if site is not None:
            homes = {
                home.locale.language_code: home
                for home in site.root_page.get_translations(inclusive=True).live().select_related("locale")
            }
    urls = {}
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        urls[code] = target.get_url(request) if target else _language_root(code)
    return urls


def _language_root(code):
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])
