from django.urls import path

from .listing import ProposalListView
from .moderation import dismiss, hidden, hide, publish, reports, restore, waiting

urlpatterns = [
    path("", ProposalListView.as_view(), name="index"),
    path("results/", ProposalListView.as_view(results_only=True), name="index_results"),
    path("moderation/", reports, name="reports"),
    path("moderation/hidden/", hidden, name="hidden"),
    path("moderation/waiting/", waiting, name="waiting"),
    path("moderation/<int:pk>/hide/", hide, name="hide"),
    path("moderation/<int:pk>/restore/", restore, name="restore"),
    path("moderation/<int:pk>/dismiss/", dismiss, name="dismiss"),
    path("moderation/<int:pk>/publish/", publish, name="publish"),
]
