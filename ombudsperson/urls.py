"""Case handling, included by site/urls.py under i18n_patterns at "ombudsperson/cases/". Every view here
is for the Ombudsperson group only (handling_views.handlers_only)."""

from django.urls import path

from . import handling_views as views

app_name = "ombudsperson_handling"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("audit/", views.audit_log, name="audit_log"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    # Any text is taken as a reference, so that every case URL gets the same answer from the same check.
    path("<str:reference>/", views.case_detail, name="case"),
    path("<str:reference>/status/", views.change_status, name="change_status"),
    path("<str:reference>/notes/", views.add_note, name="add_note"),
    path("<str:reference>/replies/", views.send_reply, name="send_reply"),
    path("<str:reference>/referral/", views.record_referral, name="record_referral"),
    path("<str:reference>/attachments/<int:pk>/", views.download_attachment, name="attachment"),
]
