"""Where the comments on a council draft section are shown: the draft's page in the members' space.
The place is not public; its audience is the council (members with a current term, and the
secretariat), whatever anyone's staff role elsewhere."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from citysite.access import may
from citysite.participation.registry import CommentPlace

from .models import CouncilDraft


def absolute_url(path: str) -> str:
    """The site's address for a path, for links that leave the request (e-mails, comment places)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def draft_url(draft_id: int, language: str) -> str:
    """The absolute address of a draft's page in the members' space, in `language`."""
    with translation.override(language):
        return absolute_url(reverse("council_space:draft", args=[draft_id]))


def council_audience(user) -> bool:
    """Who may read and write the comments on council drafts."""
    return may(user, "migrant_council.take_part") or may(user, "migrant_council.run_council")


def locate_draft_sections(sections, language: str) -> dict[int, CommentPlace]:
    drafts = CouncilDraft.objects.in_bulk({section.draft_id for section in sections})
    places = {}
    for section in sections:
        draft = drafts.get(section.draft_id)
        if draft is None:
            continue
        places[section.pk] = CommentPlace(
            label=f"{draft.title} › {section.heading}",
            url=draft_url(draft.pk, language),
            is_public=False,
            audience=council_audience,
        )
    return places
