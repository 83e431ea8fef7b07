from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/official-reply/", views.official_reply, name="official_reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/hide/", views.hide, name="hide"),
    path("<int:pk>/restore/", views.restore, name="restore"),
]
