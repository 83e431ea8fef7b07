from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citysite.access import RuleMenuItem

from . import admin_views
from .admin_views import EXPORT_PERSONAL_DATA_ACTION

admin_urlpatterns = [
    path("analysis/", admin_views.ConsultationListView.as_view(), name="index"),
    path("analysis/<uuid:key>/answers/", admin_views.AnswerListView.as_view(), name="answers"),
    path(
        "analysis/<uuid:key>/answers/results/",
        admin_views.AnswerListView.as_view(results_only=True),
        name="answers_results",
    ),
    path("analysis/<uuid:key>/answers/<int:pk>/", admin_views.AnswerDetailView.as_view(), name="answer"),
    path("analysis/<uuid:key>/charts/", admin_views.ChartsView.as_view(), name="charts"),
    path("analysis/<uuid:key>/export/", admin_views.ExportView.as_view(), name="export"),
    path("codes/", admin_views.CodeBatchListView.as_view(), name="code_batches"),
    path("codes/new/", admin_views.CodeBatchCreateView.as_view(), name="code_batch_new"),
    path("codes/<int:pk>/", admin_views.code_batch_print, name="code_batch"),
    path("codes/<int:pk>/codes.csv", admin_views.code_batch_csv, name="code_batch_csv"),
]


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [path("consultations/", include((admin_urlpatterns, "consultations_admin")))]


@hooks.register("register_admin_menu_item")
def analysis_menu_item():
    return RuleMenuItem(
        _("Consultation analysis"),
        reverse("consultations_admin:index"),
        name="consultation-analysis",
        icon_name="table",
        order=350,
        rule="consultations.view_answers",
    )


@hooks.register("register_admin_menu_item")
def participation_codes_menu_item():
    return RuleMenuItem(
        _("Participation codes"),
        reverse("consultations_admin:code_batches"),
        name="participation-codes",
        icon_name="key",
        order=360,
        rule="consultations.manage_participation_codes",
    )


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    actions.register_action(
        EXPORT_PERSONAL_DATA_ACTION,
        _("Export answers with personal data"),
        _("Exported the answers with personal data (e-mail addresses, account numbers)"),
    )
