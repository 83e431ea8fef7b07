"""The author of a comment may correct it for a short while after writing it."""

import pytest
from django.utils import translation

from citysite.participation.models import Comment
from tests.i18n import polish

from .conftest import backdate, url

CORRECTED = "Potrzebujemy więcej kursów języka polskiego, także wieczorem."


def test_author_edits_within_the_window_and_the_page_says_edited(client, author, comment, consultation):
    client.force_login(author)
    page = client.get(consultation.url).content.decode()
    assert f'action="{url("edit", comment)}"' in page

    response = client.post(url("edit", comment), {"text": CORRECTED, "next": consultation.url})
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.text == CORRECTED and comment.edited_at is not None
    client.logout()
    with translation.override("en"):
        html = client.get(consultation.url).content.decode()
    assert CORRECTED in html and polish("(edited)") in html


def test_saving_the_same_text_does_not_mark_it_edited(client, author, comment):
    client.force_login(author)
    client.post(url("edit", comment), {"text": comment.text})
    assert Comment.objects.get(pk=comment.pk).edited_at is None


def test_after_the_window_the_author_can_no_longer_edit(client, author, comment, consultation, settings):
    backdate(comment, settings.COMMENT_EDIT_WINDOW_MINUTES + 1)
    client.force_login(author)
    assert f'action="{url("edit", comment)}"' not in client.get(consultation.url).content.decode()
    response = client.post(url("edit", comment, "en"), {"text": CORRECTED})
    assert response.status_code == 403
    assert "only in the first 15 minutes" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).text != CORRECTED


def test_the_window_comes_from_the_settings(client, author, comment, settings):
    settings.COMMENT_EDIT_WINDOW_MINUTES = 60
    backdate(comment, 30)
    client.force_login(author)
    assert client.post(url("edit", comment), {"text": CORRECTED}).status_code == 302


def test_a_hidden_comment_cannot_be_edited(client, author, moderator, comment):
    comment.hide(moderator, "Spam")
    client.force_login(author)
    assert client.post(url("edit", comment), {"text": CORRECTED}).status_code == 403
    assert Comment.objects.get(pk=comment.pk).text != CORRECTED


@pytest.mark.parametrize("role", ["resident", "moderator", "editor", "analyst"])
def test_nobody_else_can_edit(client, request, role, comment):
    client.force_login(request.getfixturevalue(role))
    response = client.post(url("edit", comment, "en"), {"text": CORRECTED})
    assert response.status_code == 403
    assert "Only the author can change a comment." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).text != CORRECTED


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "A comment cannot be empty."), ("x" * 4001, "Please keep it to 4000 characters (it has 4001).")],
)
def test_invalid_edit_is_refused_with_its_message(client, author, comment, text, message):
    client.force_login(author)
    response = client.post(url("edit", comment, "en"), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).edited_at is None
