from django import template

from ..views import discussion_context

register = template.Library()


@register.simple_tag(takes_context=True)
def discussion_permissions(context):
    """What the current person may do in comment threads (worked out once per request)."""
    return discussion_context(context["request"])
