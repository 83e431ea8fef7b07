from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, TagBase

COMMENT_MAX_LENGTH = 4000
HIDE_REASON_MAX_LENGTH = 300


class DimensionCode(models.TextChoices):
    """The five dimensions of integration (Warsaw workshop report)."""

    SOCIAL_WELFARE = "social_welfare", _("social-welfare")
    ECONOMIC = "economic", _("economic")
    LEGAL = "legal", _("legal")
    CULTURAL = "cultural", _("cultural")
    SOCIETAL = "societal", _("societal")


class Dimension(models.Model):
    """One of the five integration dimensions; rows are created by a migration."""

    code = models.CharField(_("code"), max_length=20, choices=DimensionCode.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("integration dimension")
        verbose_name_plural = _("integration dimensions")

    def __str__(self):
        return str(self.get_code_display())


class AnalysisTag(TagBase):
    """A free tag that analysts give answers and comments."""

    class Meta:
        verbose_name = _("analysis tag")
        verbose_name_plural = _("analysis tags")


class TaggedRecord(GenericTaggedItemBase):
    tag = models.ForeignKey(AnalysisTag, on_delete=models.CASCADE, related_name="tagged_records")


class CommentQuerySet(models.QuerySet):
    def for_target(self, target):
        return self.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)

    def public(self):
        """Comments that may appear in public (hidden ones still appear, as their reason)."""
        return self.filter(consent_to_publish=True)


class Comment(models.Model):
    """A comment on anything (a draft section, a proposal, a council draft section), with threaded
    replies. Hidden comments keep their place in the thread and show the moderator's reason."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    consent_to_publish = models.BooleanField(_("may be shown in public"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    is_official = models.BooleanField(_("official reply"), default=False)
    official_body = models.CharField(_("answering body"), max_length=200, blank=True)

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=HIDE_REASON_MAX_LENGTH, blank=True)

    dimensions = models.ManyToManyField(Dimension, verbose_name=_("integration dimensions"), blank=True)
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedRecord, blank=True)
    quoted_in_report = models.BooleanField(_("quote in the report"), default=False)
    abuse_reports = GenericRelation(
        "participation.AbuseReport",
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="comment",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def author_name(self) -> str:
        if self.is_official:
            return self.official_body
        if self.author is None:
            return str(_("anonymous"))
        return self.author.public_name

    def hide(self, moderator, reason: str) -> None:
        self.hidden_at = timezone.now()
        self.hidden_by = moderator
        self.hidden_reason = reason
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])

    def restore(self) -> None:
        self.hidden_at = None
        self.hidden_by = None
        self.hidden_reason = ""
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])


class AbuseReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_target(self, target):
        return self.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)


class AbuseReport(models.Model):
    """Someone's report that a piece of user content (a comment, a proposal) breaks the rules. The
    target model declares a GenericRelation to it, so moderation queues can count and list reports."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what is wrong"), max_length=1000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AbuseReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "resolved_at"])]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self):
        return f"{self.target_type_id}/{self.target_id}: {self.reason[:40]}"
