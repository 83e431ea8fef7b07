"""Residents' proposals: ideas written by residents, supported and discussed by others, placed by the
city on the HOW-WOW-POW-NOW matrix, answered, and tracked until implemented.

Proposals are plain Django models (participation records, not pages). They belong to a proposals index
page by its `translation_key`, so every translation of the index lists the same proposals. The domain
rules live here: the quadrant of two scores, which status may follow which, what the author may still do.
"""

import math
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from citysite.blocks import BodyBlock
from citysite.participation.models import AbuseReport, Comment, Dimension

# The residents' marks live in marks.py; imported here so Django registers them and callers keep
# finding every model of the app in proposals.models.
from .marks import SCORE_RANGE as SCORE_RANGE
from .marks import SCORE_VALIDATORS, Support
from .marks import Placement as Placement
from .marks import ProposalFollow as ProposalFollow
from .marks import crowd_medians as crowd_medians

TITLE_MAX_LENGTH = 160
TEXT_MAX_LENGTH = 10_000
ANSWER_MAX_LENGTH = 4000
BODY_MAX_LENGTH = 200


class ProposalArea(models.TextChoices):
    """The seven areas of the Warsaw workshop report."""

    PUBLIC_INSTITUTIONS = "public_institutions", _("Public institutions")
    DAILY_LIFE = "daily_life", _("Organising daily life (housing, work, education, legal help)")
    CULTURE = "culture", _("Culture and social exchange")
    CIVIC_PARTICIPATION = "civic_participation", _("Migrants' civic participation")
    GRASSROOTS = "grassroots", _("Support for grassroots initiatives")
    ANTI_DISCRIMINATION = "anti_discrimination", _("Attitudes and anti-discrimination")
    CITY_POLICY = "city_policy", _("City policy")


class Quadrant(models.TextChoices):
    NOW = "now", "NOW"
    WOW = "wow", "WOW"
    POW = "pow", "POW"
    HOW = "how", "HOW"


QUADRANT_MEANINGS = {
    Quadrant.NOW: _("high impact, easy to implement"),
    Quadrant.WOW: _("high impact, hard to implement"),
    Quadrant.POW: _("lower impact, easy to implement"),
    Quadrant.HOW: _("lower impact, hard to implement"),
}

DEFAULT_HIGH_FROM = Decimal("3.0")


def quadrant_of(impact, ease, high_from=DEFAULT_HIGH_FROM) -> Quadrant | None:
    """The quadrant of a placement: a score counts as high from `high_from` upwards (inclusive).
    None when either score is missing."""
    if impact is None or ease is None:
        return None
    high_impact = Decimal(str(impact)) >= Decimal(str(high_from))
    easy = Decimal(str(ease)) >= Decimal(str(high_from))
    if high_impact:
        return Quadrant.NOW if easy else Quadrant.WOW
    return Quadrant.POW if easy else Quadrant.HOW


def quadrant_condition(quadrant: str, high_from) -> Q:
    """The same rule as quadrant_of, as a database filter on the official placement."""
    # Official scores are whole numbers, so "at least 3.5" is "at least 4". Said so explicitly: an integer
    # column's lookup would truncate a Decimal threshold to 3.
    high_from = math.ceil(Decimal(str(high_from)))
    high_impact = Q(official_impact__gte=high_from)
    easy = Q(official_ease__gte=high_from)
    placed = Q(official_impact__isnull=False, official_ease__isnull=False)
    return (
        placed
        & {
            Quadrant.NOW: high_impact & easy,
            Quadrant.WOW: high_impact & ~easy,
            Quadrant.POW: ~high_impact & easy,
            Quadrant.HOW: ~high_impact & ~easy,
        }[quadrant]
    )


class ModerationMode(models.TextChoices):
    POST = "post", _("Post-moderation: proposals appear at once; moderators act on reports")
    PRE = "pre", _("Pre-moderation: a moderator publishes each proposal first")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted, awaiting moderation")
    # With a context: the bare "published" is already the label of a publication date elsewhere.
    PUBLISHED = "published", pgettext_lazy("proposal status", "published")
    UNDER_EVALUATION = "under_evaluation", _("under evaluation")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    ALREADY_EXISTS = "already_exists", _("already exists")
    IN_PROGRESS = "in_progress", _("in progress")
    IMPLEMENTED = "implemented", _("implemented")
    WITHDRAWN = "withdrawn", _("withdrawn")
    HIDDEN = "hidden", _("hidden by a moderator")


# What the city may change a status to (hiding and restoring are moderation, handled apart).
CITY_TRANSITIONS = {
    Status.SUBMITTED: {Status.PUBLISHED},
    Status.PUBLISHED: {Status.UNDER_EVALUATION, Status.ACCEPTED, Status.REJECTED, Status.ALREADY_EXISTS},
    Status.UNDER_EVALUATION: {Status.ACCEPTED, Status.REJECTED, Status.ALREADY_EXISTS},
    Status.ACCEPTED: {Status.IN_PROGRESS, Status.IMPLEMENTED},
    Status.IN_PROGRESS: {Status.IMPLEMENTED},
}
# Entering these from "published" is the city evaluating the proposal: the index's support threshold
# must be met first. Saying it already exists, or turning it down as out of scope, needs no supports.
EVALUATION_STATUSES = {Status.UNDER_EVALUATION, Status.ACCEPTED}
PUBLIC_STATUSES = {
    Status.PUBLISHED,
    Status.UNDER_EVALUATION,
    Status.ACCEPTED,
    Status.REJECTED,
    Status.ALREADY_EXISTS,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
    Status.WITHDRAWN,
}
# Only these keep the proposal's image at a public address; a withdrawn proposal stays readable, but its
# author took back the picture with it (see images.py).
IMAGE_PUBLIC_STATUSES = PUBLIC_STATUSES - {Status.WITHDRAWN}
# The author may change the text until the city has answered, and withdraw until it has decided.
EDITABLE_STATUSES = {Status.SUBMITTED, Status.PUBLISHED}
WITHDRAWABLE_STATUSES = {Status.SUBMITTED, Status.PUBLISHED, Status.UNDER_EVALUATION}
# Supports, crowd placements and new comments are welcome while the proposal is still open.
OPEN_STATUSES = {Status.PUBLISHED, Status.UNDER_EVALUATION}
TRACKED_STATUSES = {Status.ACCEPTED, Status.IN_PROGRESS, Status.IMPLEMENTED}
# The city reports progress on an accepted proposal until it is implemented.
PROGRESS_STATUSES = {Status.ACCEPTED, Status.IN_PROGRESS}


def city_may_change(proposal_status: str, new_status: str) -> bool:
    return new_status in CITY_TRANSITIONS.get(proposal_status, set())


class ProposalIndexPage(RoutablePageMixin, Page):
    """Where proposals are written, listed and shown. Editors may have several, e.g. one per working
    group or consultation; the intro is editorial content, the proposals are residents' records."""

    intro = StreamField(BodyBlock(), verbose_name=_("introduction"), blank=True)
    accepting_proposals = models.BooleanField(
        _("accepting new proposals"),
        default=True,
        help_text=_("Turn off to close the call for proposals; existing ones stay readable."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    support_threshold = models.PositiveIntegerField(
        _("supports needed before evaluation"),
        default=0,
        help_text=_("0 means the city may evaluate a proposal whatever its number of supports."),
    )
    working_group = models.ForeignKey(
        "home.WorkingGroupPage",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("New proposals here are linked to this working group."),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("New proposals here are linked to this consultation."),
    )
    matrix_high_from = models.DecimalField(
        _("a score is high from"),
        max_digits=2,
        decimal_places=1,
        default=DEFAULT_HIGH_FROM,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "Scores go from 1 to 5; from this value up, impact counts as high and a proposal as easy."
        ),
    )
    now_label = models.CharField(_("label of NOW"), max_length=60, blank=True)
    wow_label = models.CharField(_("label of WOW"), max_length=60, blank=True)
    pow_label = models.CharField(_("label of POW"), max_length=60, blank=True)
    how_label = models.CharField(_("label of HOW"), max_length=60, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("accepting_proposals"),
                FieldPanel("moderation"),
                FieldPanel("support_threshold"),
                FieldPanel("working_group"),
                FieldPanel("consultation"),
            ],
            heading=_("Proposals"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("matrix_high_from"),
                FieldRowPanel([FieldPanel("now_label"), FieldPanel("wow_label")]),
                FieldRowPanel([FieldPanel("pow_label"), FieldPanel("how_label")]),
            ],
            heading=_("HOW-WOW-POW-NOW matrix"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("proposals index")

    def quadrant_label(self, quadrant) -> str:
        if quadrant is None:
            return ""
        custom = getattr(self, f"{quadrant}_label", "")
        return custom or Quadrant(quadrant).label

    def proposals(self):
        return Proposal.objects.filter(index_key=self.translation_key)

    # Routes: the views live in the views package, one module per screen; these only name the URLs.
    @path("")
    def list_view(self, request):
        from .views.listing import proposal_list

        return proposal_list(request, self)

    @path("matrix/")
    def matrix_view(self, request):
        from .views.matrix import matrix

        return matrix(request, self)

    @path("tracker/")
    def tracker_view(self, request):
        from .views.tracker import tracker

        return tracker(request, self)

    @path("similar/")
    def similar_view(self, request):
        from .views.writing import similar

        return similar(request, self)

    @path("new/")
    def create_view(self, request):
        from .views.writing import create

        return create(request, self)

    @path("<int:pk>/")
    def detail_view(self, request, pk):
        from .views.detail import detail

        return detail(request, self, pk)

    @path("<int:pk>/image/<str:filter_spec>/")
    def image_view(self, request, pk, filter_spec):
        from .views.image import serve_image

        return serve_image(request, self, pk, filter_spec)

    @path("<int:pk>/<str:action>/")
    def action_view(self, request, pk, action):
        from .views import actions

        return actions.action(request, self, pk, action)


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def with_counts(self):
        """Supports and comments per proposal, each as a subquery so the two counts do not multiply."""
        supports = (
            Support.objects.filter(proposal=OuterRef("pk"))
            .order_by()
            .values("proposal")
            .annotate(total=Count("pk"))
            .values("total")
        )
        comments = (
            Comment.objects.filter(proposal=OuterRef("pk"))
            .order_by()
            .values("target_id")
            .annotate(total=Count("pk"))
            .values("total")
        )
        progress = ProgressUpdate.objects.filter(proposal=OuterRef("pk")).order_by("-published_on", "-pk")
        return self.annotate(
            support_count=Coalesce(Subquery(supports, output_field=IntegerField()), Value(0)),
            comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), Value(0)),
            latest_progress=Subquery(progress.values("percent")[:1], output_field=IntegerField()),
        )

    def in_quadrant(self, quadrant: str, high_from):
        return self.filter(quadrant_condition(quadrant, high_from))


class Proposal(models.Model):
    index_key = models.UUIDField(_("proposals index"), db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(_("proposal"), max_length=TEXT_MAX_LENGTH)  # sanitised HTML, see text.py
    area = models.CharField(_("area"), max_length=30, choices=ProposalArea.choices, db_index=True)
    dimensions = models.ManyToManyField(Dimension, verbose_name=_("integration dimensions"))
    district = models.CharField(_("district"), max_length=100, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    working_group = models.ForeignKey(
        "home.WorkingGroupPage",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    official_impact = models.PositiveSmallIntegerField(
        _("impact (official)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    official_ease = models.PositiveSmallIntegerField(
        _("ease (official)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    official_placement_by = models.CharField(_("placed by"), max_length=BODY_MAX_LENGTH, blank=True)
    official_placement_at = models.DateTimeField(_("placed"), null=True, blank=True)

    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    comments = GenericRelation(
        Comment, content_type_field="target_type", object_id_field="target_id", related_query_name="proposal"
    )
    abuse_reports = GenericRelation(
        AbuseReport,
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="proposal",
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["index_key", "status", "created_at"])]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def image_is_public(self) -> bool:
        return self.status in IMAGE_PUBLIC_STATUSES

    @property
    def is_hidden(self) -> bool:
        return self.status == Status.HIDDEN

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def accepts_comments(self) -> bool:
        """The discussion stays open while the proposal is public, answered or not; a hidden or withdrawn
        proposal keeps its thread readable but takes no new comments."""
        return self.is_public and self.status != Status.WITHDRAWN

    @property
    def takes_progress_updates(self) -> bool:
        return self.status in PROGRESS_STATUSES

    @property
    def is_answered(self) -> bool:
        return self.status not in EDITABLE_STATUSES | {Status.WITHDRAWN, Status.HIDDEN}

    def official_quadrant(self, high_from=DEFAULT_HIGH_FROM) -> Quadrant | None:
        return quadrant_of(self.official_impact, self.official_ease, high_from)

    def status_before_hiding(self) -> str:
        """The status to go back to when a moderator restores the proposal."""
        change = self.status_changes.filter(to_status=Status.HIDDEN).order_by("-changed_at", "-pk").first()
        return change.from_status if change else Status.PUBLISHED


class StatusChange(models.Model):
    """One change of a proposal's status, with the public answer that explains it. The list of them
    is the proposal's history."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    answer = models.TextField(_("public answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answering_body = models.CharField(_("answering body"), max_length=BODY_MAX_LENGTH, blank=True)
    changed_at = models.DateTimeField(_("date"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class ProgressUpdate(models.Model):
    """A dated public note on how an accepted proposal is getting on."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="progress_updates")
    percent = models.PositiveSmallIntegerField(
        _("progress (percent)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("update"), max_length=ANSWER_MAX_LENGTH)
    published_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["published_on", "pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.proposal_id}: {self.percent}% ({self.published_on})"


class WorkingGroupMember(models.Model):
    """A person who speaks for a working group in proposals: they set the official matrix placement
    of that group's proposals. Editors manage the list in the admin."""

    working_group = models.ForeignKey(
        "home.WorkingGroupPage", verbose_name=_("working group"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["working_group", "user"], name="one_membership_per_group")
        ]
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")

    def __str__(self):
        return f"{self.user} · {self.working_group}"
