"""The domain functions check permissions themselves, so other modules (proposals, council drafts,
the analysis screens) can call them directly."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from citysite.participation import services
from citysite.participation.models import Comment

from .conftest import comment_on


@pytest.mark.parametrize(
    ("call", "role"),
    [
        (lambda user, comment: services.post_reply(user, comment, "Tak", "pl"), "unverified_user"),
        (lambda user, comment: services.post_official_reply(user, comment, "Tak", "UM", "pl"), "resident"),
        (
            lambda user, comment: services.post_official_reply(user, comment, "Tak", "UM", "pl"),
            "council_member",
        ),
        (lambda user, comment: services.hide_comment(user, comment, "Spam"), "editor"),
        (lambda user, comment: services.restore_comment(user, comment), "analyst"),
        (lambda user, comment: services.dismiss_reports(user, comment), "ombudsperson"),
        (lambda user, comment: services.edit_comment(user, comment, "Inaczej"), "resident"),
    ],
)
def test_services_refuse_people_without_the_permission(request, call, role, comment):
    with pytest.raises(PermissionDenied):
        call(request.getfixturevalue(role), comment)
    assert Comment.objects.count() == 1 and not Comment.objects.get().is_hidden


def test_an_official_reply_may_answer_a_comment_that_is_not_published(
    analyst, section, author, django_capture_on_commit_callbacks
):
    private = comment_on(section, author, consent_to_publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        reply, created = services.post_official_reply(analyst, private, "Dziękujemy.", "UM Lublin", "pl")
    assert created and reply.parent == private and reply.is_official
    assert [message.to for message in mail.outbox] == [[author.email]]


def test_no_reply_of_any_kind_to_a_hidden_comment(analyst, resident, moderator, comment):
    services.hide_comment(moderator, comment, "Spam")
    with pytest.raises(ValidationError):
        services.post_reply(resident, comment, "Tak", "pl")
    with pytest.raises(ValidationError):
        services.post_official_reply(analyst, comment, "Tak", "UM", "pl")
    assert not Comment.objects.filter(parent=comment).exists()


def test_hiding_twice_logs_once(moderator, comment):
    services.hide_comment(moderator, comment, "Spam")
    services.hide_comment(moderator, comment, "Spam")
    assert ModelLogEntry.objects.filter(action=services.HIDE_ACTION).count() == 1
