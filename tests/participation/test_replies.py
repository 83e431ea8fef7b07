"""Replies and official replies: threaded under their comment, public, and the person replied to is
told by e-mail in their own language."""

import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.utils import translation

from citysite.accounts.factories import UserFactory
from citysite.participation import notifications
from citysite.participation.models import Comment
from consultations.models import ConsultationPage

from .conftest import comment_on, url

REPLY = "Zgadzam się, kursy wieczorowe byłyby najlepsze."


def _post(client, name, comment, data, next_url=None):
    return client.post(url(name, comment), {**data, "next": next_url or "/"})


@pytest.fixture
def record_languages(monkeypatch):
    """The language active each time an e-mail template is rendered."""
    languages = []
    real = notifications.render_to_string

    def render(*args, **kwargs):
        languages.append(translation.get_language())
        return real(*args, **kwargs)

    monkeypatch.setattr(notifications, "render_to_string", render)
    return languages


def test_reply_is_threaded_under_its_comment_and_shown_on_the_page(client, resident, comment, consultation):
    client.force_login(resident)
    response = _post(client, "reply", comment, {"text": REPLY}, consultation.url)
    reply = Comment.objects.get(parent=comment)
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#comment-{reply.pk}"
    assert (reply.author, reply.text, reply.target_id, reply.target_type_id) == (
        resident,
        REPLY,
        comment.target_id,
        comment.target_type_id,
    )
    assert reply.consent_to_publish and not reply.is_official
    html = client.get(consultation.url).content.decode()
    # The reply's list item sits inside the comment's list item.
    outer = html.index(f'id="comment-{comment.pk}"')
    inner = html.index(f'id="comment-{reply.pk}"')
    assert outer < inner and REPLY in html


def test_reply_notifies_the_author_in_their_language(
    client,
    resident,
    author,
    comment,
    consultation,
    locales,
    translated_home,
    record_languages,
    django_capture_on_commit_callbacks,
):
    ukrainian = consultation.copy_for_translation(locales["uk"], copy_parents=True)
    ukrainian.save_revision().publish()
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "reply", comment, {"text": REPLY})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    reply = Comment.objects.get(parent=comment)
    assert message.to == [author.email]
    assert record_languages == ["uk", "uk"]
    with translation.override("uk"):
        assert message.subject == translation.gettext("[Otwarte Miasto] A reply to your comment")
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.endswith(f"{ConsultationPage.objects.get(pk=ukrainian.pk).url}#comment-{reply.pk}")
    assert "/uk/" in link
    assert REPLY in message.body


def test_no_mail_for_own_replies_nor_for_anonymous_commenters(
    client, author, comment, section, django_capture_on_commit_callbacks
):
    client.force_login(author)
    anonymous = comment_on(section, author=None)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "reply", comment, {"text": REPLY})
        _post(client, "reply", anonymous, {"text": REPLY})
    assert Comment.objects.filter(parent__in=[comment, anonymous]).count() == 2
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["analyst", "editor", "moderator"])
def test_official_reply_shows_under_its_comment_with_the_badge_and_notifies(
    client, request, role, author, comment, consultation, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            "official_reply",
            comment,
            {"text": "Uwzględnimy to w programie.", "official_body": "Wydział Spraw Społecznych UM Lublin"},
            consultation.url,
        )
    reply = Comment.objects.get(parent=comment)
    assert response.status_code == 302
    assert reply.is_official and reply.consent_to_publish
    assert reply.official_body == "Wydział Spraw Społecznych UM Lublin"

    client.logout()
    html = client.get(consultation.url).content.decode()
    item = html[html.index(f'id="comment-{reply.pk}"') :]
    assert html.index(f'id="comment-{comment.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert "Wydział Spraw Społecznych UM Lublin" in item[:600]
    assert "badge--official" in item[:600]

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [author.email]
    with translation.override("uk"):
        assert mail.outbox[0].subject == translation.gettext(
            "[Otwarte Miasto] An official reply to your comment"
        )
    assert "Wydział Spraw Społecznych UM Lublin" in mail.outbox[0].body


def test_a_resident_cannot_post_an_official_reply(client, resident, comment):
    client.force_login(resident)
    response = _post(client, "official_reply", comment, {"text": "Oficjalnie!", "official_body": "Urząd"})
    assert response.status_code == 403
    assert not Comment.objects.filter(parent=comment).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please write something before sending."),
        ("   ", "Please write something before sending."),
        ("x" * 4001, "Please keep it to 4000 characters (it has 4001)."),
    ],
)
def test_invalid_reply_is_refused_with_its_message_and_the_text_kept(
    client, resident, comment, text, message
):
    client.force_login(resident)
    with translation.override("en"):
        response = client.post(url("reply", comment, "en"), {"text": text, "next": "/"})
    assert response.status_code == 400
    assert message in response.content.decode()
    html = response.content.decode()
    # The input names its error list, and that list exists on the page.
    assert 'aria-describedby="id_text_error"' in html
    assert 'id="id_text_error"' in html
    if text.strip():
        assert text in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "official_body": "Urząd"}, "Please write the reply before sending."),
        ({"text": "Odpowiedź", "official_body": ""}, "Please name the office or body giving the reply."),
        ({"text": "x" * 4001, "official_body": "Urząd"}, "Please keep it to 4000 characters (it has 4001)."),
        ({"text": "Odpowiedź", "official_body": "U" * 201}, "Please keep it to 200 characters (it has 201)."),
    ],
)
def test_invalid_official_reply_is_refused_with_its_message(client, analyst, comment, data, message):
    client.force_login(analyst)
    response = client.post(url("official_reply", comment, "en"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_double_submit_gives_one_reply(client, resident, comment, django_capture_on_commit_callbacks):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, "reply", comment, {"text": REPLY})
        second = _post(client, "reply", comment, {"text": REPLY})
    assert Comment.objects.filter(parent=comment).count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1


def test_a_different_reply_by_the_same_person_is_a_new_reply(client, resident, comment):
    client.force_login(resident)
    _post(client, "reply", comment, {"text": REPLY})
    _post(client, "reply", comment, {"text": REPLY + " I jeszcze jedno."})
    assert Comment.objects.filter(parent=comment).count() == 2


def test_replies_are_rate_limited(client, resident, comment):
    client.force_login(resident)
    for number in range(10):
        assert _post(client, "reply", comment, {"text": f"Odpowiedź {number}"}).status_code == 302
    response = client.post(url("reply", comment, "en"), {"text": "Odpowiedź 11"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert "Odpowiedź 11" in response.content.decode()
    assert Comment.objects.filter(parent=comment).count() == 10


def test_replies_to_a_hidden_comment_are_refused(client, resident, moderator, comment):
    comment.hide(moderator, "Obraźliwy")
    client.force_login(resident)
    response = client.post(url("reply", comment, "en"), {"text": REPLY})
    assert response.status_code == 400
    assert "it cannot be replied to" in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_replies_to_a_comment_that_is_not_public_are_not_possible(client, resident, section):
    private = comment_on(section, UserFactory(), consent_to_publish=False)
    client.force_login(resident)
    assert client.post(url("reply", private), {"text": REPLY}).status_code == 404
    assert not Comment.objects.filter(parent=private).exists()


def test_replies_are_not_possible_where_comments_are_not_published(client, resident, comment, consultation):
    consultation.publish_comments = False
    consultation.save_revision().publish()
    client.force_login(resident)
    assert client.post(url("reply", comment), {"text": REPLY}).status_code == 404
    assert not Comment.objects.filter(parent=comment).exists()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/phish", "//evil.example/x", "javascript:alert(1)", "http://testserver.evil/"],
)
def test_next_cannot_lead_off_site(client, resident, comment, consultation, next_url):
    client.force_login(resident)
    response = _post(client, "reply", comment, {"text": REPLY}, next_url)
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == f"{consultation.url}#comment-{reply.pk}"


def test_next_on_this_site_is_followed(client, resident, comment):
    client.force_login(resident)
    response = _post(client, "reply", comment, {"text": REPLY}, "/en/somewhere/?a=1#ignored")
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == f"/en/somewhere/?a=1#comment-{reply.pk}"


def test_a_visitor_is_asked_to_sign_in_and_comes_back_to_the_form(client, comment, consultation):
    response = _post(client, "reply", comment, {"text": REPLY}, consultation.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert url("reply", comment) in unquote(response["Location"])
    assert not Comment.objects.filter(parent=comment).exists()


def test_reply_form_page_shows_the_comment_and_the_form(client, resident, comment):
    client.force_login(resident)
    response = client.get(url("reply", comment, "en") + "?next=/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert comment.text in html
    assert 'name="text"' in html
    assert 'href="/en/#comment-' in html
