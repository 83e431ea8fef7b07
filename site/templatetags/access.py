"""`{% may "proposals.edit_proposal" proposal as can_edit %}`: the rules of citysite.access in templates,
for the person the page is shown to."""

from django import template

from citysite import access

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, rule_name, obj=None):
    return access.may(context["request"].user, rule_name, obj)
