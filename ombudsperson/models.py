"""Confidential cases that migrants bring to the ombudsperson. Everything a person writes, and everything
the ombudsperson writes about it, is encrypted at rest (fields.py); only the Ombudsperson group may read
it (rules.py), every read and change is logged (CaseAuditEntry), and closed cases are deleted after the
retention period (`manage.py purge_closed_cases`).

No model here has Django's default permissions: a superuser's "has every permission" must not open a
way in. Access is decided by rules.py alone."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .fields import EncryptedBinaryField, EncryptedTextField

DESCRIPTION_MAX_LENGTH = 8000
MESSAGE_MAX_LENGTH = 8000
CONTACT_MAX_LENGTH = 200
# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_PREFIX = "RM"


class Category(models.TextChoices):
    DISCRIMINATION = "discrimination", _("Discrimination")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    PUBLIC_OFFICES = "public_offices", _("Public offices")
    SAFETY = "safety", _("Safety")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    REFERRED = "referred", _("referred to an institution")
    CLOSED = "closed", _("closed")


def _random_code(groups: int, size: int = 4) -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(size)) for _group in range(groups))


def new_reference() -> str:
    return f"{REFERENCE_PREFIX}-{_random_code(2)}"


def new_secret_code() -> str:
    return _random_code(4)


def normalise_code(code: str) -> str:
    """People copy codes with spaces, lower case or without dashes: compare the letters only."""
    return "".join(character for character in code.upper() if character in CODE_ALPHABET)


# Checking a code against this when no case has the reference takes as long as a real check, so the
# time of an answer does not tell whether a reference exists.
_DUMMY_HASH = make_password("no case has this reference")


class Case(models.Model):
    reference = models.CharField(_("case reference"), max_length=20, unique=True, default=new_reference)
    secret_hash = models.CharField(max_length=200, editable=False)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = EncryptedTextField(_("what happened"))
    preferred_language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    contact = EncryptedTextField(_("contact (e-mail or phone)"), blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True
    )
    referred_to = EncryptedTextField(_("referred to"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)

    class Meta:
        default_permissions = ()
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.reference

    def set_secret_code(self, code: str) -> None:
        self.secret_hash = make_password(normalise_code(code))

    def check_secret_code(self, code: str) -> bool:
        return check_password(normalise_code(code), self.secret_hash)

    @classmethod
    def find(cls, reference: str, code: str):
        """The case with this reference and code, or None. Wrong reference and wrong code take the same
        time and give the same answer."""
        case = cls.objects.filter(reference=reference.strip().upper()).first()
        if case is None:
            check_password(normalise_code(code), _DUMMY_HASH)
            return None
        return case if case.check_secret_code(code) else None


class EntryKind(models.TextChoices):
    NOTE = "note", _("internal note")
    REPLY = "reply", _("reply to the person")


class CaseEntry(models.Model):
    """An internal note (the ombudsperson's only) or a reply the person reads on their status page."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    text = EncryptedTextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        default_permissions = ()
        ordering = ["created_at", "pk"]
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")

    def __str__(self):
        return f"{self.case_id}: {self.kind}"


class CaseAttachment(models.Model):
    """A file the person sent with the case, kept encrypted in the database: never a public URL."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    filename = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = EncryptedBinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return f"{self.case_id}: attachment {self.pk}"


class AuditAction(models.TextChoices):
    FILED = "filed", _("filed by the person")
    VIEWED_BY_PERSON = "viewed_by_person", _("status read by the person")
    LISTED = "listed", _("listed in the inbox")
    VIEWED = "viewed", _("read")
    STATUS_CHANGED = "status_changed", _("status changed")
    NOTE_ADDED = "note_added", _("internal note added")
    REPLY_SENT = "reply_sent", _("reply sent")
    ATTACHMENT_DOWNLOADED = "attachment_downloaded", _("attachment downloaded")
    REFERRED = "referred", _("referral recorded")
    DELETED = "deleted", _("deleted after the retention period")
    KEYS_ROTATED = "keys_rotated", _("re-encrypted with the newest key")
    OMBUDSPERSON_APPOINTED = "ombudsperson_appointed", _("ombudsperson appointed")
    OMBUDSPERSON_DISMISSED = "ombudsperson_dismissed", _("ombudsperson dismissed")


class CaseAuditEntry(models.Model):
    """Who read or changed which case, and when. Kept after a case is deleted; holds the reference, never
    the content. Only the Ombudsperson group can read it."""

    reference = models.CharField(_("case reference"), max_length=20, db_index=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        default_permissions = ()
        ordering = ["-at", "-pk"]
        verbose_name = _("case audit entry")
        verbose_name_plural = _("case audit entries")

    def __str__(self):
        return f"{self.reference} {self.action} {self.at:%Y-%m-%d %H:%M}"


def audit(reference: str, action: str, user=None, detail: str = "") -> CaseAuditEntry:
    actor = user if user is not None and user.is_authenticated else None
    return CaseAuditEntry.objects.create(reference=reference, action=action, user=actor, detail=detail)


def month_start(moment) -> "datetime.date":
    """The first day of the month of `moment`, in the site's time zone."""
    return timezone.localdate(moment).replace(day=1)


class CaseSubmission(models.Model):
    """The token of the form that filed a case: a double-clicked or resent form finds the case it already
    created instead of filing a second one (the unique constraint holds even for two requests at once).
    Deleted with its case."""

    token = models.UUIDField(unique=True)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="+")

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.token)


class ReceivedCaseCount(models.Model):
    """How many cases of a category were received in a month: the figures of the annual report. Counted
    when a case is filed and kept when cases are deleted after the retention period; holds no reference
    and nothing a person wrote."""

    month = models.DateField(_("month"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField(_("cases received"), default=0)

    class Meta:
        default_permissions = ()
        ordering = ["month", "category"]
        constraints = [
            models.UniqueConstraint(fields=["month", "category"], name="one_count_per_month_and_category")
        ]
        verbose_name = _("cases received in a month")
        verbose_name_plural = _("cases received per month")

    def __str__(self):
        return f"{self.month:%Y-%m} {self.category}: {self.count}"


# The explanations are rich text without images or embeds: a case page loads nothing from elsewhere.
EXPLANATION_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class OmbudspersonPage(RoutablePageMixin, Page):
    """The ombudsperson's public page: what the ombudsperson does, what happens to a report and how long it
    is kept (editorial content, translated with wagtail-localize), the case form, the receipt and the
    status page. Every route sends no-store headers (middleware.case_page)."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead under the title."))
    role_explanation = RichTextField(
        _("the ombudsperson's role"),
        features=EXPLANATION_FEATURES,
        blank=True,
        help_text=_("Who the ombudsperson is and what they can and cannot do."),
    )
    process_explanation = RichTextField(
        _("what happens to a report"),
        features=EXPLANATION_FEATURES,
        blank=True,
        help_text=_("Who reads a report, what the ombudsperson does with it, when the person hears back."),
    )
    retention_explanation = RichTextField(
        _("how long a report is kept"),
        features=EXPLANATION_FEATURES,
        blank=True,
        help_text=_(
            "Shown next to the retention period configured for the site, which the page always states."
        ),
    )
    form_intro = models.TextField(
        _("text above the form"),
        blank=True,
        help_text=_("Shown above the case form, e.g. what to write and what not to write."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("role_explanation"),
                FieldPanel("process_explanation"),
                FieldPanel("retention_explanation"),
            ],
            heading=_("Explanations"),
        ),
        FieldPanel("form_intro"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("role_explanation"),
        index.SearchField("process_explanation"),
    ]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        # Wagtail's page permissions (wagtailcore) govern editing; no model permission may exist in this
        # app (see the module docstring).
        default_permissions = ()
        verbose_name = _("ombudsperson page")

    @property
    def retention_days(self) -> int:
        return settings.OMBUDSPERSON_RETENTION_DAYS

    @path("", name="case_form")
    def case_form_view(self, request):
        from .views.public import case_form

        return case_form(request, self)

    @path("received/", name="received")
    def receipt_view(self, request):
        from .views.public import receipt

        return receipt(request, self)

    @path("status/", name="status")
    def status_view(self, request):
        from .views.public import case_status

        return case_status(request, self)

    @path("status/leave/", name="leave_status")
    def leave_status_view(self, request):
        from .views.public import leave_status

        return leave_status(request, self)
