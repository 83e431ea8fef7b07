import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from citysite.blocks import RICH_TEXT_FEATURES, BodyBlock
from citysite.pagination import paginate

from . import blocks as home_blocks


class HomePage(Page):
    """The entry to a site in one language: the policy process at a glance."""

    intro = models.TextField(_("introduction"), blank=True)
    timeline_title = models.CharField(
        _("timeline title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for “How the integration policy is made”."),
    )
    timeline = StreamField(
        [("stage", home_blocks.ProcessStageBlock())], verbose_name=_("process timeline"), blank=True
    )
    reach_us = StreamField(
        [("card", home_blocks.ContactCardBlock())],
        verbose_name=_("ways to reach the council and the ombudsperson"),
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("timeline_title"), FieldPanel("timeline")], heading=_("Process")),
        FieldPanel("reach_us"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @property
    def current_stage(self):
        return next((stage for stage in self.timeline if stage.value["state"] == "current"), None)

    def get_context(self, request, *args, **kwargs):
        from consultations.models import ConsultationPage

        context = super().get_context(request, *args, **kwargs)
        context["open_consultations"] = ConsultationPage.open_in_locale(self.locale)[:3]
        context["latest_news"] = (
            NewsPage.objects.live().public().filter(locale=self.locale).order_by("-date", "-pk")[:3]
        )
        context["upcoming_events"] = EventPage.upcoming().filter(locale=self.locale)[:3]
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        context["news"] = paginate(request, news)
        return context


class NewsPage(Page):
    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")


class EventIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.EventPage"]

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = paginate(request, EventPage.upcoming().child_of(self))
        context["past_events"] = (
            EventPage.objects.live()
            .public()
            .child_of(self)
            .filter(end__lt=timezone.now())
            .order_by("-start")[:10]
        )
        return context


class EventPage(Page):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=250)
    address = models.CharField(_("address"), max_length=250, blank=True)
    organiser = models.CharField(_("organiser"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("address"),
        FieldPanel("organiser"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("location"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @classmethod
    def upcoming(cls):
        return cls.objects.live().public().filter(end__gte=timezone.now()).order_by("start", "pk")


class WorkingGroupIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.WorkingGroupPage"]

    class Meta:
        verbose_name = _("working groups index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = WorkingGroupPage.objects.live().public().child_of(self)
        return context


class WorkingGroupPage(Page):
    summary = models.TextField(_("summary"), max_length=400)
    scope = RichTextField(_("scope"), features=RICH_TEXT_FEATURES)
    participants = StreamField(
        [("participant", home_blocks.ParticipantBlock())],
        verbose_name=_("participating institutions and organisations"),
        blank=True,
    )
    meetings = StreamField([("meeting", home_blocks.MeetingBlock())], verbose_name=_("meetings"), blank=True)
    outcomes = StreamField(
        [("outcome", home_blocks.OutcomeBlock())], verbose_name=_("outcomes and recommendations"), blank=True
    )
    documents = StreamField(
        [("document", home_blocks.AttachedDocumentBlock())], verbose_name=_("documents"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("scope"),
        FieldPanel("participants"),
        FieldPanel("meetings"),
        FieldPanel("outcomes"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("scope"),
        index.SearchField("outcomes"),
    ]
    parent_page_types = ["home.WorkingGroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("working group")

    def meetings_in_order(self):
        return sorted(self.meetings, key=lambda meeting: meeting.value["date"])


class ReportPage(Page):
    date = models.DateField(_("publication date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("full report (file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    subpage_types = []

    class Meta:
        verbose_name = _("report")


class GoodPracticeArea(models.TextChoices):
    GOVERNANCE = "governance", _("City strategy and governance")
    COOPERATION = "cooperation", _("Cross-sector cooperation")
    EDUCATION = "education", _("Education")
    WORK = "work", _("Work and employment")
    INFORMATION = "information", _("Information and public services")
    PARTICIPATION = "participation", _("Civic participation")
    CULTURE = "culture", _("Culture and intercultural dialogue")
    ANTI_DISCRIMINATION = "anti_discrimination", _("Attitudes and anti-discrimination")


class GoodPracticeIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.GoodPracticePage"]

    class Meta:
        verbose_name = _("good-practice library")

    def get_context(self, request, *args, **kwargs):
        from .filters import GoodPracticeFilter

        context = super().get_context(request, *args, **kwargs)
        practices = GoodPracticePage.objects.live().public().child_of(self).order_by("city", "title")
        practice_filter = GoodPracticeFilter(request.GET or None, queryset=practices, parent=self)
        context["filter"] = practice_filter
        context["practices"] = paginate(request, practice_filter.qs)
        return context


class GoodPracticePage(Page):
    city = models.CharField(_("city"), max_length=100)
    area = models.CharField(_("area"), max_length=30, choices=GoodPracticeArea.choices)
    organisation = models.CharField(_("run by"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("city"), FieldPanel("area")]),
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("city"),
        index.FilterField("area"),
    ]
    parent_page_types = ["home.GoodPracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good practice")


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(Page):
    """The accessibility statement required of Polish public bodies (ustawa z 4 kwietnia 2019 r.
    o dostępności cyfrowej): dates, compliance, non-conformities, assessment, contact, complaints."""

    entity_name = models.CharField(_("public body"), max_length=250)
    published_on = models.DateField(_("date the site was published"))
    updated_on = models.DateField(_("date of the last major update"))
    statement_prepared_on = models.DateField(_("date the statement was prepared"))
    statement_reviewed_on = models.DateField(_("date the statement was last reviewed"))
    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    non_conformities = RichTextField(
        _("non-conformities and exemptions"), features=RICH_TEXT_FEATURES, blank=True
    )
    assessment_method = RichTextField(
        _("how accessibility was assessed"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Self-assessment or assessment by an external body, and with which tools."),
    )
    keyboard_shortcuts = models.TextField(_("keyboard shortcuts"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact telephone"), max_length=50)
    complaint_procedure = RichTextField(_("request and complaint procedure"), features=RICH_TEXT_FEATURES)
    architectural_accessibility = RichTextField(
        _("architectural accessibility"), features=RICH_TEXT_FEATURES, blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("entity_name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
                FieldRowPanel([FieldPanel("statement_prepared_on"), FieldPanel("statement_reviewed_on")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("compliance_status"),
        FieldPanel("non_conformities"),
        FieldPanel("assessment_method"),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("complaint_procedure"),
        FieldPanel("architectural_accessibility"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
