"""Versions of a consultation draft: a snapshot each time a changed draft is published, section
records that comments attach to, and readable differences between versions."""

import difflib
import html
import re

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from .models import ConsultationPage, DraftSection, DraftVersion


def section_snapshot(page: ConsultationPage) -> list[dict]:
    return [
        {
            "id": block.id,
            "heading": block.value["heading"],
            "text": block.value["text"].source,
            "change_note": block.value["change_note"],
            "prompted_by": list(block.value["prompted_by"]),
        }
        for block in page.sections
    ]


@transaction.atomic
def record_published_draft(page: ConsultationPage) -> DraftVersion | None:
    """Called when a consultation page is published: keeps the section records in step and stores
    a new version when the draft's text changed. Returns the new version, if any."""
    sections = section_snapshot(page)
    for position, section in enumerate(sections):
        DraftSection.objects.update_or_create(
            consultation_key=page.translation_key,
            section_id=section["id"],
            defaults={"position": position, "heading": section["heading"][:200]}
            if page.locale.language_code == page.get_default_locale().language_code
            else {"position": position},
        )
    latest = page.draft_versions.order_by("-number").first()
    if not sections or (latest is not None and _texts(latest.sections) == _texts(sections)):
        return None
    return DraftVersion.objects.create(
        page=page, number=(latest.number + 1 if latest else 1), sections=sections
    )


def _texts(sections):
    return [(section["id"], section["heading"], section["text"]) for section in sections]


def plain_text(rich_text_source: str) -> str:
    """Rich text as readable plain text, one paragraph a line."""
    text = re.sub(r"</(p|h\d|li)>", "\n", rich_text_source)
    return html.unescape(strip_tags(text)).strip()


def word_diff(old: str, new: str) -> str:
    """HTML showing the words removed (<del>) and added (<ins>) between two texts."""
    old_words = re.findall(r"\S+|\n", plain_text(old))
    new_words = re.findall(r"\S+|\n", plain_text(new))
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = " ".join(old_words[old_start:old_end])
        added = " ".join(new_words[new_start:new_end])
        if operation == "equal":
            parts.append(html.escape(added))
        if operation in ("delete", "replace"):
            parts.append(f"<del>{html.escape(removed)}</del>")
        if operation in ("insert", "replace"):
            parts.append(f"<ins>{html.escape(added)}</ins>")
    return mark_safe(" ".join(parts).replace(" \n ", "<br>").replace("\n", "<br>"))  # noqa: S308 - escaped above
