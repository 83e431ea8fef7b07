"""Council drafts as named operations: create a draft, save a new version, change its status, and show
what changed between two versions. Each checks who may do it and runs in one transaction.

A draft's text lives in its versions: [{"key", "heading", "text"}, ...]. A section keeps its key (and
its CouncilDraftSection row, which the comments attach to) from version to version; a new section gets
a new key; a section left out of a new version stays as a record, with its comments.

Section text is plain text (paragraphs separated by blank lines), shown with line breaks: council
drafts need no markup, and plain text cannot carry anything harmful."""

import html
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citysite.access import may
from citysite.diffs import word_diff

from .. import notifications
from ..models import CouncilDraft, CouncilDraftSection, CouncilDraftVersion, DraftStatus, Vote

# Drafts whose text the secretariat may still change. During a vote the text voted on stays as it is;
# adopted and withdrawn drafts are closed.
EDITABLE_STATUSES = {DraftStatus.DRAFT, DraftStatus.IN_DISCUSSION}
# Statuses the secretariat sets by hand. A draft goes to a vote when a vote is opened
# (voting.open_vote), and is adopted or goes back to discussion by the vote's recorded result.
MANUAL_STATUSES = {DraftStatus.IN_DISCUSSION, DraftStatus.WITHDRAWN}
# Members comment on a draft while it is in discussion.
COMMENTABLE_STATUSES = {DraftStatus.IN_DISCUSSION}


def _require_secretariat(user) -> None:
    if not may(user, "migrant_council.run_council"):
        raise PermissionDenied


def section_anchor(key) -> str:
    """The id of a section on the draft pages: stable across versions, like the section's key."""
    return f"section-{key}"


def _clean_sections(sections) -> list[dict]:
    cleaned = []
    for section in sections:
        heading = (section.get("heading") or "").strip()
        text = (section.get("text") or "").replace("\r\n", "\n").strip()
        if heading or text:
            cleaned.append({"key": section.get("key") or None, "heading": heading, "text": text})
    if not cleaned:
        raise ValidationError(_("A draft needs at least one section."), code="no_sections")
    for section in cleaned:
        if not section["heading"]:
            raise ValidationError(_("Every section needs a heading."), code="no_heading")
    return cleaned


@transaction.atomic
def create_draft(user, *, title: str, summary: str, sections) -> CouncilDraft:
    """A new draft (status "draft") with its first version."""
    _require_secretariat(user)
    sections = _clean_sections(sections)
    now = timezone.now()
    draft = CouncilDraft.objects.create(
        title=title.strip(), summary=summary.strip(), created_by=user, created_at=now, updated_at=now
    )
    save_version(user, draft, sections, change_note="")
    return draft


@transaction.atomic
def save_version(
    user, draft: CouncilDraft, sections, change_note: str = ""
) -> tuple[CouncilDraftVersion, bool]:
    """Saves `sections` ([{"key" (None for a new section), "heading", "text"}, ...], in order) as the
    draft's next version. Returns the version and whether it is new: the same text sent again (a double
    submit) returns the latest version."""
    _require_secretariat(user)
    draft = CouncilDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The text of a draft that is %(status)s cannot be changed.")
            % {"status": draft.get_status_display()},
            code="not_editable",
        )
    sections = _clean_sections(sections)
    latest = draft.versions.order_by("-number").first()
    rows = {str(row.key): row for row in draft.sections.all()}

    stored, used = [], set()
    for position, section in enumerate(sections):
        row = rows.get(str(section["key"])) if section["key"] else None
        # A new section, or a key that is not this draft's (or is sent twice): a new section all the same.
        if row is None or row.pk in used:
            row = CouncilDraftSection.objects.create(
                draft=draft, key=uuid.uuid4(), position=position, heading=section["heading"]
            )
            rows[str(row.key)] = row
        elif row.position != position or row.heading != section["heading"]:
            row.position, row.heading = position, section["heading"]
            row.save(update_fields=["position", "heading"])
        used.add(row.pk)
        stored.append({"key": str(row.key), "heading": section["heading"], "text": section["text"]})

    if latest is not None and latest.sections == stored:
        return latest, False
    now = timezone.now()
    version = CouncilDraftVersion.objects.create(
        draft=draft,
        number=(latest.number if latest else 0) + 1,
        sections=stored,
        change_note=change_note.strip(),
        created_by=user,
        created_at=now,
    )
    CouncilDraft.objects.filter(pk=draft.pk).update(updated_at=now)
    return version, True


@transaction.atomic
def update_details(user, draft: CouncilDraft, *, title: str, summary: str) -> CouncilDraft:
    """The title and summary are the draft's record, not part of its versioned text."""
    _require_secretariat(user)
    draft = CouncilDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("A draft that is %(status)s cannot be changed.") % {"status": draft.get_status_display()},
            code="not_editable",
        )
    title, summary = title.strip(), summary.strip()
    if (draft.title, draft.summary) != (title, summary):
        draft.title, draft.summary, draft.updated_at = title, summary, timezone.now()
        draft.save(update_fields=["title", "summary", "updated_at"])
    return draft


def manual_statuses(draft: CouncilDraft, *, vote_pending: bool | None = None) -> list[str]:
    """The statuses the secretariat may give this draft by hand now: none while a vote on it has not
    been counted (`vote_pending`, asked of the database when not given)."""
    if vote_pending is None:
        vote_pending = Vote.objects.filter(draft=draft, counted_at__isnull=True).exists()
    if vote_pending:
        return []
    return [status for status in DraftStatus.values if status in MANUAL_STATUSES and draft.may_become(status)]


@transaction.atomic
def change_status(user, draft: CouncilDraft, status: str) -> CouncilDraft:
    """Moves a draft to `status` along DRAFT_TRANSITIONS. Members are told by e-mail when a draft is
    first put up for discussion."""
    _require_secretariat(user)
    from .voting import record_due_results

    record_due_results(draft=draft)  # a vote that has closed settles the status first
    draft = CouncilDraft.objects.select_for_update().get(pk=draft.pk)
    if status == draft.status:
        return draft
    if status not in MANUAL_STATUSES:
        raise ValidationError(
            _("A draft goes to a vote when a vote is opened, and is adopted by the result of the vote."),
            code="not_manual",
        )
    if not draft.may_become(status):
        raise ValidationError(
            _("A draft that is %(current)s cannot become %(new)s.")
            % {"current": draft.get_status_display(), "new": DraftStatus(status).label},
            code="not_allowed",
        )
    if Vote.objects.filter(draft=draft, counted_at__isnull=True).exists():
        raise ValidationError(
            _("A vote on this draft has not closed yet; its status changes when the result is recorded."),
            code="vote_pending",
        )
    first_discussion = draft.status == DraftStatus.DRAFT and status == DraftStatus.IN_DISCUSSION
    draft.status, draft.updated_at = status, timezone.now()
    draft.save(update_fields=["status", "updated_at"])
    if first_discussion:
        notifications.notify_draft_in_discussion(draft)
    return draft


# --- What changed between versions ------------------------------------------------------------------


@dataclass
class SectionChange:
    key: str
    heading: str
    text: str
    anchor: str
    is_new: bool = False  # not in the previous version
    diff: str | None = None  # word diff of the text, when it changed
    previous_heading: str | None = None  # when the heading changed

    @property
    def changed(self) -> bool:
        return self.is_new or self.diff is not None or self.previous_heading is not None


@dataclass
class VersionChanges:
    sections: list[SectionChange]
    removed: list[dict] = field(default_factory=list)  # sections of the previous version left out

    @property
    def any(self) -> bool:
        return bool(self.removed) or any(section.changed for section in self.sections)


def _plain_diff(old: str, new: str) -> str:
    # word_diff reads rich text; escaping keeps "<" and "&" in plain text as the characters they are.
    return word_diff(html.escape(old), html.escape(new))


def compare(version: CouncilDraftVersion, previous: CouncilDraftVersion | None) -> VersionChanges:
    """Each section of `version` with what changed since `previous` (None: the first version)."""
    sections = []
    for section in version.sections:
        change = SectionChange(
            key=section["key"],
            heading=section["heading"],
            text=section["text"],
            anchor=section_anchor(section["key"]),
        )
        earlier = previous.section(section["key"]) if previous else None
        if previous is not None and earlier is None:
            change.is_new = True
        elif earlier is not None:
            if earlier["text"] != section["text"]:
                change.diff = _plain_diff(earlier["text"], section["text"])
            if earlier["heading"] != section["heading"]:
                change.previous_heading = earlier["heading"]
        sections.append(change)
    current_keys = {section["key"] for section in version.sections}
    removed = [
        section for section in (previous.sections if previous else []) if section["key"] not in current_keys
    ]
    return VersionChanges(sections=sections, removed=removed)
