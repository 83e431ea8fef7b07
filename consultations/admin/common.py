"""What the consultation admin screens share: finding a consultation by its translation key, the rule
checked before anything is looked up, and breadcrumbs."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from citysite.access import RuleRequiredMixin

from ..models import ConsultationPage

ANSWERS_PER_PAGE = 50


def consultations_by_key(pages=None) -> dict:
    """Each consultation once, by translation key: its page in the default language, or else its
    first page in another language."""
    default_locale_id = Locale.get_default().pk
    chosen = {}
    for page in (pages if pages is not None else ConsultationPage.objects.all()).order_by("pk"):
        if page.translation_key not in chosen or page.locale_id == default_locale_id:
            chosen[page.translation_key] = page
    return chosen


def consultation_for_key(key) -> ConsultationPage:
    page = consultations_by_key(ConsultationPage.objects.filter(translation_key=key)).get(key)
    if page is None:
        raise Http404
    return page


def short_datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class PreparedViewMixin:
    def dispatch(self, request, *args, **kwargs):
        self.prepare(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        """Looks up what the view is about, once the user may see it."""


class PermissionRequiredMixin(RuleRequiredMixin, PreparedViewMixin):
    """Refuses the request unless `required_rule` lets the user in, before anything else is looked up.
    Inside the Wagtail admin a refusal becomes a redirect to the dashboard with a message."""

    required_rule = "consultations.view_answers"


class AnalysisBreadcrumbsMixin:
    def analysis_breadcrumbs(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("consultations_admin:index"), "label": _("Consultation analysis")},
        ]


class ConsultationMixin(PermissionRequiredMixin, AnalysisBreadcrumbsMixin):
    """A view of one consultation, found by its translation key."""

    def prepare(self, **kwargs):
        self.page = consultation_for_key(kwargs["key"])

    def consultation_breadcrumbs(self):
        return self.analysis_breadcrumbs() + [
            {"url": self.url("answers"), "label": self.page.title},
        ]

    def url(self, name, *args):
        return reverse(f"consultations_admin:{name}", args=[self.page.translation_key, *args])

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)


class ConsultationScreenMixin(ConsultationMixin):
    """A screen below one consultation's answers: titled by the screen, subtitled by the consultation."""

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.consultation_breadcrumbs() + [{"url": "", "label": self.get_page_title()}]
