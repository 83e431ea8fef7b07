"""Anyone reports abuse; moderators hide with a reason shown in place of the text, and restore. The
thread below a hidden comment stays; every hide and restore is in Wagtail's audit log."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from citysite.participation.models import AbuseReport, Comment
from tests.i18n import polish

from .conftest import comment_on, url

ABUSE = "Ten komentarz obraża sąsiadów."


@pytest.mark.parametrize("role", ["visitor", "resident", "unverified_user", "analyst"])
def test_anyone_can_report_abuse(client, as_role, role, comment, consultation):
    user = as_role(role)
    response = client.post(url("report", comment), {"reason": ABUSE, "next": consultation.url})
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#comment-{comment.pk}"
    report = AbuseReport.objects.get(comment=comment)
    assert (report.reason, report.reporter, report.resolved_at) == (ABUSE, user, None)


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Please tell the moderators what is wrong with this comment."),
        ("x" * 1001, "Please keep it to 1000 characters (it has 1001)."),
    ],
)
def test_invalid_report_is_refused_with_its_message(client, comment, reason, message):
    response = client.post(url("report", comment, "en"), {"reason": reason})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AbuseReport.objects.exists()


def test_reporting_twice_gives_one_open_report(client, resident, comment):
    client.force_login(resident)
    client.post(url("report", comment), {"reason": ABUSE})
    client.post(url("report", comment), {"reason": ABUSE})
    assert AbuseReport.objects.filter(comment=comment).count() == 1


def test_reports_are_rate_limited_per_address(client, section):
    comments = [comment_on(section, text=f"Komentarz {number}") for number in range(11)]
    for comment in comments[:10]:
        assert client.post(url("report", comment), {"reason": ABUSE}).status_code == 302
    response = client.post(url("report", comments[10], "en"), {"reason": ABUSE})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert AbuseReport.objects.count() == 10


def test_reports_of_comments_that_are_not_public_are_not_possible(client, section):
    private = comment_on(section, consent_to_publish=False)
    assert client.post(url("report", private), {"reason": ABUSE}).status_code == 404
    assert client.get(url("report", private)).status_code == 404
    assert not AbuseReport.objects.exists()


def test_moderator_hides_with_a_reason_shown_in_place_of_the_text(
    client, moderator, comment, section, consultation
):
    reply = comment_on(section, text="Odpowiedź, która zostaje.", parent=comment)
    AbuseReport.objects.create(target=comment, reason=ABUSE)
    client.force_login(moderator)
    response = client.post(
        url("hide", comment), {"reason": "Obraża innych uczestników", "next": consultation.url}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == moderator
    assert comment.hidden_reason == "Obraża innych uczestników"
    assert not AbuseReport.objects.filter(resolved_at__isnull=True).exists()

    client.logout()
    with translation.override("en"):
        html = client.get(consultation.url).content.decode()
    assert polish("Hidden by a moderator: %(reason)s") % {"reason": "Obraża innych uczestników"} in html
    assert comment.text not in html
    assert "Odpowiedź, która zostaje." in html
    assert html.index(f'id="comment-{comment.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert f'action="{url("reply", comment)}"' not in html

    entry = ModelLogEntry.objects.get(action="participation.hide_comment")
    assert (entry.object_id, entry.user, entry.data["reason"]) == (
        str(comment.pk),
        moderator,
        "Obraża innych uczestników",
    )
    assert comment.text not in entry.label


def test_restore_brings_the_comment_back_and_is_logged(client, moderator, comment, consultation):
    comment.hide(moderator, "Pomyłka")
    client.force_login(moderator)
    response = client.post(url("restore", comment), {"next": consultation.url})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    client.logout()
    html = client.get(consultation.url).content.decode()
    assert comment.text in html and "Pomyłka" not in html
    entry = ModelLogEntry.objects.get(action="participation.restore_comment")
    assert (entry.user, entry.data["hidden_reason"]) == (moderator, "Pomyłka")


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Please give the reason; it is shown in place of the comment."),
        ("x" * 301, "Please keep it to 300 characters (it has 301)."),
    ],
)
def test_hiding_without_a_proper_reason_is_refused(client, moderator, comment, reason, message):
    client.force_login(moderator)
    response = client.post(url("hide", comment, "en"), {"reason": reason})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.get(pk=comment.pk).is_hidden
    assert not ModelLogEntry.objects.filter(action="participation.hide_comment").exists()


def test_hidden_comments_cannot_be_reported_again(client, moderator, comment):
    comment.hide(moderator, "Spam")
    response = client.post(url("report", comment, "en"), {"reason": ABUSE})
    assert response.status_code == 400
    assert "already been hidden" in response.content.decode()
    assert not AbuseReport.objects.exists()
