"""The migrant council: a public page (mandate, members, meetings, adopted opinions) and a private
members' space (drafts in sections with versions and comments, meetings with agendas and attendance,
votes on opinions). Council records are plain Django models; only the public page is a Wagtail page.

Drafts are visible to council members only until the opinion adopted from them is published."""

import math
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from citysite.blocks import BodyBlock

TEXT_MAX_LENGTH = 20_000


class CouncilPage(RoutablePageMixin, Page):
    """The council's public page: mandate and contact are editorial content; members, meetings and
    adopted opinions come from the council's records."""

    mandate = StreamField(BodyBlock(), verbose_name=_("mandate"), blank=True)
    contact_intro = models.TextField(
        _("how to write to the council"),
        blank=True,
        help_text=_("Shown above the form people use to write to the council."),
    )

    content_panels = Page.content_panels + [FieldPanel("mandate"), FieldPanel("contact_intro")]
    search_fields = Page.search_fields + [index.SearchField("mandate")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("migrant council page")

    @path("")
    def public_view(self, request):
        from .views.public import council_page

        return council_page(request, self)

    @path("write/")
    def write_view(self, request):
        from .views.public import write_to_council

        return write_to_council(request, self)

    @path("opinions/<int:pk>/")
    def opinion_view(self, request, pk):
        from .views.public import opinion

        return opinion(request, self, pk)


class Role(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships whose term includes the day `on` (today) and that were not ended by removal."""
        day = on or timezone.localdate()
        return self.filter(removed_at__isnull=True, term_start__lte=day, term_end__gte=day)


class Membership(models.Model):
    """A seat on the council for a term. Invited by e-mail; `user` is linked once the invited person has
    an account with that address verified. Access to the members' space follows the term: it ends the
    day after term_end, or at once on removal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    invited_email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name shown in public"), max_length=150)
    organisation = models.CharField(_("organisation or community"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("e.g. “ukraiński, rosyjski, polski”")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")), name="term_ends_after_start"
            )
        ]
        verbose_name = _("council membership")
        verbose_name_plural = _("council memberships")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def is_current(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.removed_at is None and self.term_start <= day <= self.term_end


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_DISCUSSION = "in_discussion", _("in discussion")
    IN_VOTE = "in_vote", _("in vote")
    ADOPTED = "adopted", _("adopted")
    WITHDRAWN = "withdrawn", _("withdrawn")


DRAFT_TRANSITIONS = {
    DraftStatus.DRAFT: {DraftStatus.IN_DISCUSSION, DraftStatus.WITHDRAWN},
    DraftStatus.IN_DISCUSSION: {DraftStatus.IN_VOTE, DraftStatus.WITHDRAWN},
    DraftStatus.IN_VOTE: {DraftStatus.ADOPTED, DraftStatus.IN_DISCUSSION, DraftStatus.WITHDRAWN},
    DraftStatus.ADOPTED: set(),
    DraftStatus.WITHDRAWN: set(),
}


class CouncilDraft(models.Model):
    """A draft opinion or statement the council works on. Its text lives in versions."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("council draft")
        verbose_name_plural = _("council drafts")

    def __str__(self):
        return self.title

    def may_become(self, status: str) -> bool:
        return status in DRAFT_TRANSITIONS.get(self.status, set())


class CouncilDraftSection(models.Model):
    """A section of a draft across its versions, identified by a stable key: what comments attach to."""

    draft = models.ForeignKey(CouncilDraft, on_delete=models.CASCADE, related_name="sections")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=200)

    class Meta:
        ordering = ["draft", "position"]
        constraints = [models.UniqueConstraint(fields=["draft", "key"], name="unique_section_key_per_draft")]
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")

    def __str__(self):
        return self.heading


class CouncilDraftVersion(models.Model):
    """The whole text of a draft at one moment: [{"key", "heading", "text"}, ...]. A new version keeps the
    earlier ones readable."""

    draft = models.ForeignKey(CouncilDraft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    sections = models.JSONField(_("sections"), default=list)
    change_note = models.TextField(_("what changed"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="unique_version_number_per_draft")
        ]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")

    def __str__(self):
        return f"{self.draft} v{self.number}"

    def section(self, key) -> dict | None:
        return next((section for section in self.sections if section["key"] == str(key)), None)


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("link to join online"), blank=True)
    agenda_published = models.BooleanField(
        _("agenda published"), default=False, help_text=_("Published agendas appear on the public page.")
    )
    minutes = models.TextField(_("minutes"), max_length=TEXT_MAX_LENGTH, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=300)
    draft = models.ForeignKey(
        CouncilDraft,
        verbose_name=_("draft discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="one_attendance_per_member")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.membership} · {self.get_status_display()}"


class Majority(models.TextChoices):
    SIMPLE = "simple", _("simple majority: more votes for than against")
    ABSOLUTE = "absolute", _("absolute majority: more than half of the votes cast")
    TWO_THIRDS = "two_thirds", _("two-thirds of the votes cast")


class VotingRules(models.Model):
    """The council's own rules for votes; each vote copies them when it opens, so changing the rules
    later never changes a result."""

    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent of current members who must vote)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    majority = models.CharField(
        _("majority"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voting rules")
        verbose_name_plural = _("voting rules")

    def __str__(self):
        return f"{self.quorum_percent}% · {self.get_majority_display()}"

    @classmethod
    def current(cls) -> "VotingRules":
        return cls.objects.order_by("-updated_at", "-pk").first() or cls()


class Choice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class VoteResult(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
    NO_QUORUM = "no_quorum", _("not valid: no quorum")


def quorum_needed(eligible: int, quorum_percent: int) -> int:
    """The smallest number of voters that makes the quorum."""
    return math.ceil(eligible * quorum_percent / 100)


def tally(*, votes_for: int, against: int, abstain: int, eligible: int, quorum_percent: int, majority: str):
    """The result of a vote. Abstentions count towards the quorum and, for absolute and two-thirds
    majorities, among the votes cast."""
    cast = votes_for + against + abstain
    if eligible == 0 or cast < quorum_needed(eligible, quorum_percent):
        return VoteResult.NO_QUORUM
    if majority == Majority.SIMPLE:
        adopted = votes_for > against
    elif majority == Majority.ABSOLUTE:
        adopted = votes_for * 2 > cast
    else:
        adopted = votes_for * 3 >= cast * 2
    return VoteResult.ADOPTED if adopted else VoteResult.REJECTED


class Vote(models.Model):
    """A vote of the council on a draft opinion, open for a set window. Who may vote (the current
    members when it opened), the quorum and the majority are fixed at opening; the result is recorded
    once, after the window closes, and never recomputed."""

    draft = models.ForeignKey(CouncilDraft, on_delete=models.CASCADE, related_name="votes")
    version = models.ForeignKey(
        CouncilDraftVersion, verbose_name=_("version voted on"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.CharField(_("question"), max_length=300)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    majority = models.CharField(_("majority"), max_length=20, choices=Majority.choices)
    eligible = models.ManyToManyField(Membership, verbose_name=_("members who may vote"), related_name="+")
    eligible_count = models.PositiveIntegerField(_("members who may vote"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    result = models.CharField(_("result"), max_length=20, choices=VoteResult.choices, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstain"), default=0)
    counted_at = models.DateTimeField(_("counted"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="vote_window")
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return self.question

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def has_closed(self, moment=None) -> bool:
        return (moment or timezone.now()) >= self.closes_at


class Ballot(models.Model):
    """One member's vote. Votes are not secret inside the council (members see who voted how once the
    vote closed); they are never shown in public."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "membership"], name="one_ballot_per_member")]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return f"{self.vote_id}: {self.membership_id} {self.choice}"


class Opinion(models.Model):
    """An opinion the council adopted, published on the public council page. Its text is the draft's
    version that was voted on."""

    draft = models.OneToOneField(CouncilDraft, on_delete=models.PROTECT, related_name="opinion")
    version = models.ForeignKey(CouncilDraftVersion, on_delete=models.PROTECT, related_name="+")
    vote = models.ForeignKey(Vote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    adopted_on = models.DateField(_("adopted"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("adopted opinion")
        verbose_name_plural = _("adopted opinions")

    def __str__(self):
        return self.title
