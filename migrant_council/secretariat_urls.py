"""The secretariat's pages, included by the project under "council/secretariat/" (in every language)."""

from django.urls import path

from . import secretariat_views as views

app_name = "council_secretariat"

urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("opinions/", views.opinions, name="opinions"),
    path("opinions/<int:pk>/publish/", views.opinion_publish, name="opinion_publish"),
    path("voting-rules/", views.voting_rules, name="voting_rules"),
]
