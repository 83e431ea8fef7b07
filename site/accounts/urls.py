from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("my-data/", views.my_data, name="account_my_data"),
    path("my-data/download/", views.download_my_data, name="account_my_data_download"),
    path("my-data/delete/", views.delete_account, name="account_delete"),
    path("two-factor-required/", views.mfa_required, name="account_mfa_required"),
]
