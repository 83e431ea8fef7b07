"""Case handling, included by site/urls.py under i18n_patterns at "ombudsperson/cases/". Every view here
is for the Ombudsperson group only (handlers_only in views/handling.py)."""

from django.urls import path

from .views import handling

app_name = "ombudsperson_handling"

urlpatterns = [
    path("", handling.inbox, name="inbox"),
    path("audit/", handling.audit_log, name="audit_log"),
    path("statistics/", handling.statistics_page, name="statistics"),
    path("statistics.csv", handling.statistics_csv, name="statistics_csv"),
    # Any text is taken as a reference, so that every case URL gets the same answer from the same check.
    path("<str:reference>/", handling.case_detail, name="case"),
    path("<str:reference>/status/", handling.change_status, name="change_status"),
    path("<str:reference>/notes/", handling.add_note, name="add_note"),
    path("<str:reference>/replies/", handling.send_reply, name="send_reply"),
    path("<str:reference>/referral/", handling.record_referral, name="record_referral"),
    path("<str:reference>/attachments/<int:pk>/", handling.download_attachment, name="attachment"),
]
