"""The members' space of the migrant council, under /council/space/ (in every language)."""

from django.urls import path

from .views import comments, dashboard, drafts, meetings, votes

app_name = "council_space"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("drafts/", drafts.draft_list, name="drafts"),
    path("drafts/new/", drafts.draft_create, name="draft_create"),
    path("drafts/<int:pk>/", drafts.draft_detail, name="draft"),
    path("drafts/<int:pk>/edit/", drafts.draft_edit, name="draft_edit"),
    path("drafts/<int:pk>/status/", drafts.draft_status, name="draft_status"),
    path("drafts/<int:pk>/versions/<int:number>/", drafts.draft_version, name="draft_version"),
    path("drafts/<int:pk>/vote/", votes.vote_create, name="vote_create"),
    path("sections/<int:pk>/comment/", comments.section_comment, name="section_comment"),
    path("votes/", votes.vote_list, name="votes"),
    path("votes/<int:pk>/", votes.vote_detail, name="vote"),
    path("votes/<int:pk>/ballot/", votes.ballot, name="ballot"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
]
