"""The export of one consultation's answers as CSV or XLSX (files made by ../exports.py). An export
with personal data is recorded in the audit log."""

from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .. import exports
from ..models import Answer
from .common import ConsultationScreenMixin
from .forms import ExportForm

EXPORT_PERSONAL_DATA_ACTION = "consultations.export_personal_data"


class ExportView(ConsultationScreenMixin, WagtailAdminTemplateMixin, FormView):
    required_rule = "consultations.export_answers"
    template_name = "consultations/admin/export.html"
    form_class = ExportForm
    header_icon = "download"

    def get_page_title(self):
        return _("Export answers")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            answer_count=Answer.objects.filter(consultation_key=self.page.translation_key).count(), **kwargs
        )

    def form_valid(self, form):
        file_format = form.cleaned_data["format"]
        personal = form.cleaned_data["include_personal_data"]
        if personal:
            log(
                instance=self.page,
                action=EXPORT_PERSONAL_DATA_ACTION,
                user=self.request.user,
                data={"format": file_format},
            )
        if file_format == "xlsx":
            return exports.xlsx_response(self.page, include_personal_data=personal)
        return exports.csv_response(self.page, include_personal_data=personal)
