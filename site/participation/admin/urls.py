from django.urls import path

from .moderation import dismiss, hidden, hide, reports, restore

urlpatterns = [
    path("", reports, name="reports"),
    path("hidden/", hidden, name="hidden"),
    path("<int:pk>/hide/", hide, name="hide"),
    path("<int:pk>/restore/", restore, name="restore"),
    path("<int:pk>/dismiss/", dismiss, name="dismiss"),
]
