"""Versions of a consultation draft: a snapshot each time a changed draft is published, section
records that comments attach to, and readable differences between versions."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from citysite.diffs import word_diff
from citysite.participation.models import Comment

from ..models import ConsultationPage, DraftSection, DraftVersion


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


def version_in_force(versions: list[DraftVersion], moment) -> DraftVersion | None:
    """The version people were reading at `moment` (versions ordered by number)."""
    in_force = None
    for version in versions:
        if version.published_at > moment:
            break
        in_force = version
    return in_force


def versions_changing_section(versions: list[DraftVersion], section_id: str) -> list[int]:
    """Numbers of the versions, after the first, that added the section or changed its text."""
    changed = []
    for earlier, later in zip(versions, versions[1:], strict=False):
        now = later.section(section_id)
        before = earlier.section(section_id)
        if now is not None and (before is None or before["text"] != now["text"]):
            changed.append(later.number)
    return changed


@dataclass
class OwnComment:
    """One of the reader's comments on a section, with what became of it."""

    comment: object
    version: int | None
    revised_in: int | None
    cited: bool


@dataclass
class SectionChanges:
    """What the reader should see about a section's revisions on the current page."""

    since: int | None = None  # the version the diff starts from
    diff: str = ""
    is_new: bool = False  # the section did not exist in version `since`
    own_comments: list[OwnComment] = field(default_factory=list)


def section_changes(
    versions: list[DraftVersion], section_id: str, current_text: str, prompted_by, own_comments=()
) -> SectionChanges:
    """Changes of one section for a reader: since the version they commented on (their earliest comment
    that a later version revised), otherwise since the version before the section's latest change.

    `versions` are the page's versions ordered by number; no database access, so a page of sections costs
    no query per section or comment."""
    by_number = {version.number: version for version in versions}
    changed_in = versions_changing_section(versions, section_id)
    cited = set(prompted_by or ())
    result = SectionChanges()
    for comment in own_comments:
        in_force = version_in_force(versions, comment.created_at)
        number = in_force.number if in_force else None
        revised_in = next((n for n in changed_in if number is not None and n > number), None)
        result.own_comments.append(OwnComment(comment, number, revised_in, comment.pk in cited))
    commented_on = [own.version for own in result.own_comments if own.revised_in is not None]
    if commented_on:
        result.since = min(commented_on)
    elif changed_in:
        result.since = changed_in[-1] - 1
    if result.since is None:
        return result
    earlier = by_number[result.since].section(section_id)
    if earlier is None:
        result.is_new = True
    elif earlier["text"] == current_text:  # changed and changed back: nothing to show
        result.since = None
    else:
        result.diff = word_diff(earlier["text"], current_text)
    return result


def add_section_changes(sections: list[dict], versions: list[DraftVersion], user) -> None:
    """Adds `changes` (a SectionChanges) to each section dict of the consultation page, with the reader's
    own comments on the section. One query for the reader's comments, whatever the number of sections."""
    own = defaultdict(list)
    record_ids = [section["record"].pk for section in sections if section["record"]]
    if user.is_authenticated and record_ids:
        comments = Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(DraftSection),
            target_id__in=record_ids,
            author=user,
            is_official=False,
        ).order_by("created_at", "pk")
        for comment in comments:
            own[comment.target_id].append(comment)
    for section in sections:
        record = section["record"]
        section["changes"] = section_changes(
            versions,
            section["id"],
            section["text"].source,
            section["prompted_by"],
            own.get(record.pk, []) if record else [],
        )
