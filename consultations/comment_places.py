"""Tells the shared comment mechanism where comments on draft sections are shown: on the consultation
page, in the reader's language where a translation is live."""

from django.conf import settings

from citysite.participation.registry import CommentPlace

from .models import ConsultationPage


def locate_draft_sections(sections, language: str) -> dict[int, CommentPlace]:
    pages = {}
    for page in (
        ConsultationPage.objects.live()
        .filter(translation_key__in={section.consultation_key for section in sections})
        .select_related("locale")
    ):
        pages.setdefault(page.translation_key, {})[page.locale.language_code] = page
    places = {}
    for section in sections:
        translations = pages.get(section.consultation_key)
        if not translations:
            continue
        page = (
            translations.get(language)
            or translations.get(settings.LANGUAGE_CODE)
            or next(iter(translations.values()))
        )
        places[section.pk] = CommentPlace(
            label=f"{page.title} › {section.heading}",
            url=page.get_full_url(),
            is_public=page.publish_comments,
        )
    return places
