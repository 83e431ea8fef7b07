"""The consultation page runs the same number of queries with 10 comments as with 300, whoever looks
(the thread shows different forms to different people, all without per-comment queries)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citysite.participation.models import Comment
from consultations.models import DraftSection

from .conftest import comment_on


def _add_comments(sections, count, author):
    """`count` top-level comments spread over the sections, each with a reply (some by `author`) and
    every fifth one hidden."""
    target_type = ContentType.objects.get_for_model(DraftSection)
    roots = Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=sections[number % len(sections)].pk,
            author=author if number % 3 == 0 else None,
            text=f"Komentarz {number}",
            language="pl",
            consent_to_publish=True,
        )
        for number in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            target_type=target_type,
            target_id=root.target_id,
            parent=root,
            author=author if number % 2 else None,
            text=f"Odpowiedź {number}",
            language="uk",
            consent_to_publish=True,
        )
        for number, root in enumerate(roots)
    )
    Comment.objects.filter(pk__in=[root.pk for root in roots[::5]]).update(
        hidden_at="2026-01-01T00:00:00Z", hidden_reason="Spam"
    )


def _queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("role", ["visitor", "resident", "author", "moderator", "analyst"])
def test_consultation_page_queries_do_not_grow_with_comments(client, as_role, role, consultation, author):
    user = as_role(role)
    sections = list(DraftSection.objects.filter(consultation_key=consultation.translation_key))
    comment_on(sections[0], user, text="Mój świeży komentarz")  # editable by its author
    _add_comments(sections, 10, author)
    few, _html = _queries(client, consultation.url)
    _add_comments(sections, 290, author)
    many, html = _queries(client, consultation.url)
    assert html.count('id="comment-') == 601
    assert many == few
    visible = 601 - 60
    assert html.count('/report/"') == visible
    assert html.count('/reply/"') == (0 if role == "visitor" else visible)
    assert html.count('/hide/"') == (visible if role == "moderator" else 0)
    assert html.count('/restore/"') == (60 if role == "moderator" else 0)
    assert ('/edit/"' in html) == (role != "visitor")
    assert html.count('/official-reply/"') == (visible if role in {"moderator", "analyst"} else 0)
