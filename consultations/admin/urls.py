from django.urls import path

from .analysis import AnswerListView, ConsultationListView
from .answer import AnswerDetailView
from .charts import ChartsView
from .codes import CodeBatchCreateView, CodeBatchListView, code_batch_csv, code_batch_print
from .export import ExportView

urlpatterns = [
    path("analysis/", ConsultationListView.as_view(), name="index"),
    path("analysis/<uuid:key>/answers/", AnswerListView.as_view(), name="answers"),
    path(
        "analysis/<uuid:key>/answers/results/",
        AnswerListView.as_view(results_only=True),
        name="answers_results",
    ),
    path("analysis/<uuid:key>/answers/<int:pk>/", AnswerDetailView.as_view(), name="answer"),
    path("analysis/<uuid:key>/charts/", ChartsView.as_view(), name="charts"),
    path("analysis/<uuid:key>/export/", ExportView.as_view(), name="export"),
    path("codes/", CodeBatchListView.as_view(), name="code_batches"),
    path("codes/new/", CodeBatchCreateView.as_view(), name="code_batch_new"),
    path("codes/<int:pk>/", code_batch_print, name="code_batch"),
    path("codes/<int:pk>/codes.csv", code_batch_csv, name="code_batch_csv"),
]
