from django.urls import path

from .views import failed_emails, retry, retry_all

urlpatterns = [
    path("", failed_emails, name="failed"),
    path("<uuid:pk>/retry/", retry, name="retry"),
    path("retry-all/", retry_all, name="retry_all"),
]
