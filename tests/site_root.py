"""The skeleton every page needs: the content languages and the Polish home page as the default site's
root. Plain functions, so that fixtures of any scope can build it (tests/conftest.py per test,
tests/demo/conftest.py once for the demo package)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from home.models import HomePage


def content_locales():
    """The four content languages (created by a migration; recreated after a flushing test)."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


def polish_home_page(locales):
    """The default site's Polish home page, made (with the site) unless it is there already."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["pl"])
    )
    # Wagtail's migration makes a plain welcome page as the site's root; the home page replaces it.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home = root.add_child(instance=HomePage(title="Otwarte Miasto", slug="home", locale=locales["pl"]))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home
