"""The image of a proposal that is not public, for whom may see it (proposals/images.py)."""

from django import template

from citysite.access import may
from proposals import images

register = template.Library()


@register.simple_tag(takes_context=True)
def checked_proposal_image(context, proposal, index_page, filter_spec="width-800"):
    """{"url", "width", "height"} of the proposal's image through the checked view, when the image is not
    public and the person on the page may see it; else None."""
    if not proposal.image_id or proposal.image_is_public:
        return None
    if not may(context["request"].user, "proposals.see_proposal_image", proposal):
        return None
    width, height = images.shown_size(proposal.image, filter_spec)
    return {"url": images.checked_url(index_page, proposal, filter_spec), "width": width, "height": height}
