"""The charts of one consultation's answers (computed and drawn by ../charts.py)."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..charts import MIN_GROUP_SIZE, consultation_charts
from .common import ConsultationScreenMixin


class ChartsView(ConsultationScreenMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/charts.html"
    header_icon = "view"

    def get_page_title(self):
        return _("Charts")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            charts=consultation_charts(self.page), min_group_size=MIN_GROUP_SIZE, **kwargs
        )
