"""The members' space of the migrant council, under /council/space/ (in every language)."""

from django.urls import path

from . import space_views as views

app_name = "council_space"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("drafts/", views.draft_list, name="drafts"),
    path("drafts/new/", views.draft_create, name="draft_create"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("drafts/<int:pk>/edit/", views.draft_edit, name="draft_edit"),
    path("drafts/<int:pk>/status/", views.draft_status, name="draft_status"),
    path("drafts/<int:pk>/versions/<int:number>/", views.draft_version, name="draft_version"),
    path("drafts/<int:pk>/vote/", views.vote_create, name="vote_create"),
    path("sections/<int:pk>/comment/", views.section_comment, name="section_comment"),
    path("votes/", views.vote_list, name="votes"),
    path("votes/<int:pk>/", views.vote_detail, name="vote"),
    path("votes/<int:pk>/ballot/", views.ballot, name="ballot"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
]
