import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from citysite.blocks import RICH_TEXT_FEATURES, BodyBlock
from citysite.participation.models import Dimension, TaggedRecord

from .blocks import DecisionBlock, DraftSectionBlock, QuestionnaireBlock

ANSWER_TEXT_MAX_LENGTH = 4000
SHORT_TEXT_MAX_LENGTH = 300


class ConsultationIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = (
            ConsultationPage.objects.live().public().child_of(self).order_by("-opens_at", "-pk")
        )
        return context


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    REPORT_PUBLISHED = "report", _("report published")


class AnswerPolicy(models.TextChoices):
    ANONYMOUS_ALLOWED = "anonymous", _("Everyone; anonymous answers allowed")
    ACCOUNT_REQUIRED = "account", _("Everyone, signed in with an account")


class ConsultationPage(RoutablePageMixin, Page):
    """A public consultation on a draft. Open to every resident, whatever their citizenship.

    The draft's sections and the questions are StreamField blocks; their block ids identify them
    across revisions and translations, so answers and comments given in any language belong together.
    Everything a person contributes is stored against the consultation's `translation_key`."""

    summary = models.TextField(_("summary"), max_length=600)
    plain_language_summary = models.TextField(
        _("summary in plain language"),
        blank=True,
        help_text=_("Short sentences and everyday words, for readers still learning the language."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    answer_policy = models.CharField(
        _("who may answer"),
        max_length=20,
        choices=AnswerPolicy.choices,
        default=AnswerPolicy.ANONYMOUS_ALLOWED,
    )
    publish_comments = models.BooleanField(
        _("publish section comments"),
        default=True,
        help_text=_("Comments of people who consent appear under the section they comment."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("What people agree to when they send an answer: how answers are used and kept."),
    )
    draft = StreamField([("section", DraftSectionBlock())], verbose_name=_("draft, in sections"), blank=True)
    questionnaire = StreamField(QuestionnaireBlock(), verbose_name=_("questionnaire"), blank=True)
    ask_self_description = models.BooleanField(
        _("ask the optional self-description questions"),
        default=True,
        help_text=_("Connection to the city, district, age band, migration experience: always optional."),
    )
    working_groups = StreamField(
        [
            (
                "working_group",
                blocks.PageChooserBlock(label=_("Working group"), page_type="home.WorkingGroupPage"),
            )
        ],
        verbose_name=_("working groups concerned"),
        blank=True,
    )
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    report_summary = RichTextField(_("report: what you said"), features=RICH_TEXT_FEATURES, blank=True)
    decisions = StreamField(
        [("decision", DecisionBlock())], verbose_name=_("report: what we will do"), blank=True
    )

    anonymous_answers_per_address = models.PositiveSmallIntegerField(
        _("anonymous answers per internet address in an hour"),
        default=60,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Answers sent without an account or a participation code from one internet address. A library, "
            "a school or a mobile network gives one address to many people, so keep it generous; answers "
            "with a participation code are never counted."
        ),
    )
    anonymous_answers_per_browser = models.PositiveSmallIntegerField(
        _("anonymous answers per browser in an hour"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Answers sent without an account or a participation code from one web browser: one person, or "
            "a few taking turns at a shared computer."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("plain_language_summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("answer_policy"),
                FieldPanel("publish_comments"),
                FieldPanel("consent_text"),
            ],
            heading=_("Answering"),
        ),
        FieldPanel("draft"),
        FieldPanel("questionnaire"),
        FieldPanel("ask_self_description"),
        FieldPanel("working_groups"),
        MultiFieldPanel(
            [FieldPanel("report_published_at"), FieldPanel("report_summary"), FieldPanel("decisions")],
            heading=_("Report back"),
        ),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("anonymous_answers_per_address"), FieldPanel("anonymous_answers_per_browser")],
            heading=_("Limits on anonymous answers"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("plain_language_summary"),
        index.SearchField("body"),
        index.SearchField("draft"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A consultation must close after it opens.")})
        if self.report_published_at and self.closes_at and self.report_published_at < self.closes_at:
            raise ValidationError(
                {"report_published_at": _("The report can only be published after the close.")}
            )

    @property
    def status(self) -> str:
        now = timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        if self.report_published_at and self.report_published_at <= now:
            return ConsultationStatus.REPORT_PUBLISHED
        return ConsultationStatus.CLOSED

    def get_status_display(self) -> str:
        return ConsultationStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN

    @property
    def allows_anonymous_answers(self) -> bool:
        return self.answer_policy == AnswerPolicy.ANONYMOUS_ALLOWED

    @property
    def sections(self):
        return [block for block in self.draft if block.block_type == "section"]

    @property
    def questions(self):
        return list(self.questionnaire)

    @classmethod
    def open_in_locale(cls, locale):
        now = timezone.now()
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale, opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at", "pk")
        )

    # Routes below the page; the views live in their own modules.

    @path("")
    def consultation(self, request):
        from .views import consultation_page

        return consultation_page(request, self)

    @path("answer/")
    def answer(self, request):
        from .views import answer

        return answer(request, self)

    @path("answer/received/<uuid:token>/", name="receipt")
    def receipt(self, request, token):
        from .views import receipt

        return receipt(request, self, token)

    @path("versions/<int:number>/", name="version")
    def version(self, request, number):
        from .views import draft_version

        return draft_version(request, self, number)

    @path("follow/", name="follow")
    def follow(self, request):
        from .views import toggle_follow

        return toggle_follow(request, self)


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    WORKSHOP = "workshop", _("workshop")
    PAPER = "paper", _("paper form")
    PHONE = "phone", _("telephone")


def section_anchor(section_id: str) -> str:
    """The HTML id of a draft section: stable across versions and languages, as the block id is."""
    return f"section-{section_id[:8]}"


class DraftSection(models.Model):
    """A section of a consultation's draft, in all its languages and versions: what comments are
    attached to. Kept in step with the page by `sync_draft_sections` when the page is published."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    section_id = models.CharField(_("section id"), max_length=64)
    position = models.PositiveIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=200)

    class Meta:
        ordering = ["consultation_key", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_key", "section_id"], name="unique_section_per_consultation"
            )
        ]
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")

    def __str__(self):
        return self.heading


class DraftVersion(models.Model):
    """A published version of the draft in one language, kept readable after later revisions."""

    page = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="draft_versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    sections = models.JSONField(_("sections"), default=list)

    class Meta:
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_version_number_per_page")
        ]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")

    def __str__(self):
        return f"{self.page} v{self.number}"

    def section(self, section_id: str) -> dict | None:
        return next((section for section in self.sections if section["id"] == section_id), None)


class ParticipationCodeBatch(models.Model):
    """Single-use codes handed out at a workshop by staff or a partner organisation, for people
    without an e-mail address. Only the organisation is recorded, never who received a code."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("batch of participation codes")
        verbose_name_plural = _("batches of participation codes")

    def __str__(self):
        return self.organisation


def new_participation_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    return "".join(secrets.choice(alphabet) for _ in range(10))


class ParticipationCode(models.Model):
    batch = models.ForeignKey(ParticipationCodeBatch, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=16, unique=True, default=new_participation_code)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation code")
        verbose_name_plural = _("participation codes")

    def __str__(self):
        return self.code


class Answer(models.Model):
    """One person's answer to a consultation: questionnaire responses, section comments, and the
    optional self-description. Signed-in people have one answer per consultation and may change it
    until the close."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    page = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("answered on"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_answers",
    )
    email = models.EmailField(_("e-mail for the receipt"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participation_code = models.OneToOneField(
        ParticipationCode, null=True, blank=True, on_delete=models.SET_NULL, related_name="answer"
    )
    organisation = models.CharField(_("code batch of organisation"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submission_token = models.UUIDField(
        _("submission token"), default=uuid.uuid4, unique=True, editable=False
    )
    receipt_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    responses = models.JSONField(_("questionnaire responses"), default=dict, blank=True)
    self_description = models.JSONField(_("self-description"), default=dict, blank=True)
    consent_to_publish = models.BooleanField(_("comments may be published"), default=False)
    comments = models.ManyToManyField(
        "participation.Comment", verbose_name=_("section comments"), blank=True, related_name="answers"
    )

    dimensions = models.ManyToManyField(Dimension, verbose_name=_("integration dimensions"), blank=True)
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedRecord, blank=True)
    quoted_in_report = models.BooleanField(_("quote in the report"), default=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_key", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_answer_per_person_and_consultation",
            )
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"#{self.pk} ({self.get_language_display()}, {self.get_channel_display()})"


class Follow(models.Model):
    """A signed-in resident following a consultation, to hear when it opens, closes soon and reports."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_key", "user"], name="unique_follow_per_consultation"
            )
        ]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return f"{self.user} → {self.consultation_key}"


class NoticeKind(models.TextChoices):
    OPENED = "opened", _("consultation opened")
    CLOSING_SOON = "closing_soon", _("a week before the close")
    REPORT_PUBLISHED = "report", _("report published")


class NoticeSent(models.Model):
    """Records that followers were told of an event, so each notice goes out once."""

    consultation_key = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation_key", "kind"], name="unique_notice")]

    def __str__(self):
        return f"{self.kind} {self.consultation_key}"
