"""The reports queue in the Wagtail admin: what moderators see and what their actions do."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from citysite.participation.models import AbuseReport
from tests.i18n import polish

from .conftest import comment_on

QUEUE = "participation_admin:reports"


def _report(comment, reason, days_ago=0):
    return AbuseReport.objects.create(
        target=comment, reason=reason, created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_queue_lists_reported_comments_with_place_count_and_first_report(
    client, moderator, section, consultation
):
    reported = comment_on(section, text="Wszyscy obcy won.")
    other = comment_on(section, text="Reklama kasyna.")
    comment_on(section, text="Zwykły komentarz.")
    _report(reported, "Mowa nienawiści", days_ago=2)
    _report(reported, "Obraża ludzi", days_ago=1)
    _report(other, "Spam", days_ago=0)
    resolved = _report(other, "Stare zgłoszenie", days_ago=5)
    resolved.resolved_at = timezone.now()
    resolved.save()

    client.force_login(moderator)
    with translation.override("en"):
        html = client.get(reverse(QUEUE)).content.decode()
    assert "Wszyscy obcy won." in html and "Reklama kasyna." in html
    assert "Zwykły komentarz." not in html
    assert "Mowa nienawiści" in html and "Obraża ludzi" in html and "Stare zgłoszenie" not in html
    assert html.index("Wszyscy obcy won.") < html.index("Reklama kasyna.")  # earliest reported first
    assert f"{consultation.title} › {section.heading}" in html
    assert f"{consultation.full_url}#comment-{reported.pk}" in html


def test_the_menu_item_is_shown_to_moderators_only(client, moderator, editor):
    client.force_login(moderator)
    assert reverse(QUEUE) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert reverse(QUEUE) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_hide_from_the_queue_resolves_the_reports_and_is_logged(client, moderator, section):
    comment = comment_on(section, text="Wszyscy obcy won.")
    _report(comment, "Mowa nienawiści")
    client.force_login(moderator)
    response = client.post(
        reverse("participation_admin:hide", args=[comment.pk]),
        {"reason": "Mowa nienawiści", "next": reverse(QUEUE)},
    )
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE)
    comment.refresh_from_db()
    assert comment.hidden_reason == "Mowa nienawiści"
    assert not AbuseReport.objects.filter(resolved_at__isnull=True).exists()
    assert AbuseReport.objects.get().resolved_by == moderator
    entry = ModelLogEntry.objects.get(action="participation.hide_comment")
    assert entry.data == {"reason": "Mowa nienawiści"} and entry.user == moderator
    assert "Mowa nienawiści" in entry.message

    hidden_list = client.get(reverse("participation_admin:hidden")).content.decode()
    assert "Wszyscy obcy won." in hidden_list and "Mowa nienawiści" in hidden_list


def test_hide_without_a_reason_is_refused_with_a_message(client, moderator, section):
    comment = comment_on(section)
    _report(comment, "Spam")
    client.force_login(moderator)
    with translation.override("en"):
        response = client.post(
            reverse("participation_admin:hide", args=[comment.pk]), {"reason": ""}, follow=True
        )
    assert polish("Please give the reason; it is shown in place of the comment.") in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert AbuseReport.objects.filter(resolved_at__isnull=True).exists()


def test_dismiss_resolves_without_hiding(client, moderator, section):
    comment = comment_on(section, text="Krytyka, ale uprzejma.")
    _report(comment, "Nie zgadzam się")
    client.force_login(moderator)
    client.post(reverse("participation_admin:dismiss", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert AbuseReport.objects.get().resolved_at is not None
    assert ModelLogEntry.objects.filter(action="participation.dismiss_reports").count() == 1
    assert "Krytyka, ale uprzejma." not in client.get(reverse(QUEUE)).content.decode()


def test_restore_from_the_hidden_list_is_logged(client, moderator, section):
    comment = comment_on(section)
    comment.hide(moderator, "Pomyłka")
    client.force_login(moderator)
    response = client.post(
        reverse("participation_admin:restore", args=[comment.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse(QUEUE)
    comment.refresh_from_db()
    assert not comment.is_hidden
    entry = ModelLogEntry.objects.get(action="participation.restore_comment")
    assert entry.user == moderator and entry.data == {"hidden_reason": "Pomyłka"}


def test_queue_query_count_does_not_grow_with_reports(client, moderator, section):
    def queries():
        client.get(reverse(QUEUE))
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(QUEUE)).status_code == 200
        return len(context.captured_queries)

    client.force_login(moderator)
    for number in range(3):
        _report(comment_on(section, text=f"Komentarz {number}"), "Spam")
    few = queries()
    for number in range(30):
        comment = comment_on(section, text=f"Inny {number}")
        _report(comment, "Spam")
        _report(comment, "Też spam")
    assert queries() == few


def test_moderation_shows_in_wagtails_site_history(client, superuser, moderator, section):
    comment = comment_on(section)
    client.force_login(moderator)
    client.post(reverse("participation:hide", args=[comment.pk]), {"reason": "Reklama"})
    client.force_login(superuser)
    with translation.override("en"):
        response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert polish("Comment hidden: %(reason)s") % {"reason": "Reklama"} in response.content.decode()
