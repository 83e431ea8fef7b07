"""Every comment view, for every role: who gets in, and who is sent to sign in or refused."""

import pytest
from django.urls import reverse

from citysite.participation.models import AbuseReport, Comment

from .conftest import ROLES, url

SIGN_IN = "/account/login/"

# view name -> (POST data, roles let in)
PUBLIC_VIEWS = {
    "reply": (
        {"text": "Dobry pomysł."},
        {"resident", "author", "editor", "moderator", "analyst", "council_member", "ombudsperson"},
    ),
    "official_reply": (
        {"text": "Odpowiedź miasta.", "official_body": "UM Lublin"},
        {"editor", "moderator", "analyst"},
    ),
    "edit": ({"text": "Poprawiony komentarz."}, {"author"}),
    "report": ({"reason": "Spam."}, set(ROLES)),
    "hide": ({"reason": "Spam."}, {"moderator"}),
}


def _effect(view, comment):
    """Whether the view's action happened."""
    comment.refresh_from_db()
    return {
        "reply": lambda: Comment.objects.filter(parent=comment, is_official=False).exists(),
        "official_reply": lambda: Comment.objects.filter(parent=comment, is_official=True).exists(),
        "edit": lambda: comment.text == "Poprawiony komentarz.",
        "report": lambda: AbuseReport.objects.filter(comment=comment).exists(),
        "hide": lambda: comment.is_hidden,
    }[view]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", PUBLIC_VIEWS)
def test_public_comment_views(client, as_role, role, view, comment, consultation):
    data, allowed = PUBLIC_VIEWS[view]
    as_role(role)
    form_page = client.get(url(view, comment))
    response = client.post(url(view, comment), {**data, "next": consultation.url})
    if role in allowed:
        assert form_page.status_code == 200
        assert response.status_code == 302
        assert f"{consultation.url}#comment-" in response["Location"]
        assert _effect(view, comment)
    else:
        assert not _effect(view, comment)
        if role == "visitor":
            assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
            assert form_page.status_code == 302
        else:
            assert response.status_code == 403
            assert form_page.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_restore(client, as_role, role, comment, moderator, consultation):
    comment.hide(moderator, "Spam")
    as_role(role)
    response = client.post(url("restore", comment), {"next": consultation.url})
    comment.refresh_from_db()
    if role == "moderator":
        assert response.status_code == 302 and not comment.is_hidden
    else:
        assert comment.is_hidden
        assert response.status_code == (302 if role == "visitor" else 403)
    if role == "visitor":
        assert response["Location"].startswith(SIGN_IN)


def test_superusers_moderate_too(client, superuser, comment):
    client.force_login(superuser)
    assert client.post(url("hide", comment), {"reason": "Spam"}).status_code == 302
    assert Comment.objects.get(pk=comment.pk).is_hidden


ADMIN_PAGES = ["participation_admin:reports", "participation_admin:hidden"]


@pytest.mark.parametrize("role", [*ROLES, "superuser", "secretariat"])
@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_moderation_queue_pages(client, as_role, role, name, comment):
    AbuseReport.objects.create(target=comment, reason="Spam, spam, spam.")
    as_role(role)
    response = client.get(reverse(name))
    if role in {"moderator", "superuser"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "Spam, spam, spam." not in response.content.decode()


ADMIN_ACTIONS = {
    "participation_admin:hide": ({"reason": "Spam"}, lambda comment: comment.is_hidden),
    "participation_admin:dismiss": (
        {},
        lambda comment: not comment.abuse_reports.filter(resolved_at__isnull=True).exists(),
    ),
}


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
@pytest.mark.parametrize("name", ADMIN_ACTIONS)
def test_moderation_queue_actions(client, as_role, role, name, comment):
    AbuseReport.objects.create(target=comment, reason="Spam")
    data, happened = ADMIN_ACTIONS[name]
    as_role(role)
    response = client.post(reverse(name, args=[comment.pk]), data)
    comment.refresh_from_db()
    assert response.status_code == 302
    assert happened(comment) == (role in {"moderator", "superuser"})


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_moderation_queue_restore(client, as_role, role, comment, moderator):
    comment.hide(moderator, "Spam")
    as_role(role)
    response = client.post(reverse("participation_admin:restore", args=[comment.pk]))
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.is_hidden == (role not in {"moderator", "superuser"})
