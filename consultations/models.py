from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from citysite.blocks import BodyBlock


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


class ConsultationPage(Page):
    """A public consultation on a draft. Open to every resident, whatever their citizenship."""

    summary = models.TextField(_("summary"), max_length=600)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A consultation must close after it opens.")})

    @property
    def status(self) -> str:
        now = timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    def get_status_display(self) -> str:
        return ConsultationStatus(self.status).label

    @classmethod
    def open_in_locale(cls, locale):
        now = timezone.now()
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale, opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at", "pk")
        )
