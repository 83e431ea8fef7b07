from django import template
from wagtail.models import Locale, Site

from home.models import AccessibilityStatementPage

register = template.Library()


def _localized_home(request):
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context["request"]
    home = _localized_home(request)
    if home is None:
        return []
    return home.get_children().live().public().in_menu().specific(defer=True)


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    home = _localized_home(context["request"])
    return home.get_url(context["request"]) if home else "/"


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    """The accessibility statement in the current language, else in any language."""
    statements = AccessibilityStatementPage.objects.live().public()
    statement = statements.filter(locale=Locale.get_active()).first() or statements.first()
    return statement.get_url(context["request"]) if statement else ""
