"""Following a consultation, and the e-mails followers get when it opens, a week before it closes and when
the report is published: each once, in the follower's language, from a scheduled command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from consultations import notifications
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import ConsultationPage, Follow, NoticeKind, NoticeSent

ROLES = ["resident", "editor", "moderator", "analyst", "council_member", "ombudsperson"]


def days(number, hours=0):
    return timezone.now() + datetime.timedelta(days=number, hours=hours)


@pytest.fixture
def index(home_page):
    return ConsultationIndexPageFactory(parent=home_page, slug="konsultacje")


def consultation(index, **fields):
    fields = {"title": "Polityka integracji", "opens_at": days(0, -1), "closes_at": days(30), **fields}
    return ConsultationPageFactory(parent=index, **fields)


def translate(page, locale, title):
    translation_page = page.copy_for_translation(locale, copy_parents=True)
    translation_page.title = title
    translation_page.save_revision().publish()
    return ConsultationPage.objects.get(pk=translation_page.pk)


def follower(page, language="pl", **fields):
    user = UserFactory(preferred_language=language, **fields)
    Follow.objects.create(consultation_key=page.translation_key, user=user)
    return user


def mail_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def run_command():
    call_command("send_consultation_notices", stdout=StringIO())


# --- following ---------------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in(client, index):
    page = consultation(index)

    response = client.post(page.url + "follow/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert not Follow.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_can_follow_and_unfollow(client, index, role, request):
    page = consultation(index)
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.post(page.url + "follow/")

    assert response.status_code == 302
    assert response["Location"].startswith(page.url)
    assert Follow.objects.filter(consultation_key=page.translation_key, user=user).exists()

    client.post(page.url + "follow/")

    assert not Follow.objects.filter(user=user).exists()


def test_following_needs_a_post(client, index, resident):
    page = consultation(index)
    client.force_login(resident)

    assert client.get(page.url + "follow/").status_code == 405
    assert not Follow.objects.exists()


def test_the_page_offers_to_follow_and_shows_who_follows(client, index, resident):
    page = consultation(index)

    assert 'action="' + page.url + 'follow/"' not in client.get(page.url).text
    client.force_login(resident)
    assert 'action="' + page.url + 'follow/"' in client.get(page.url).text
    client.post(page.url + "follow/")
    response = client.get(page.url)
    assert response.context["is_following"] is True


def test_a_translation_is_followed_as_the_same_consultation(
    client, index, translated_home, locales, resident
):
    page = consultation(index)
    ukrainian = translate(page, locales["uk"], "Політика інтеграції")
    client.force_login(resident)

    client.post(ukrainian.url + "follow/")

    assert Follow.objects.get(user=resident).consultation_key == page.translation_key


# --- which notices are due ---------------------------------------------------------------------------


def test_a_consultation_that_just_opened_is_announced(index):
    page = consultation(index, opens_at=days(0, -1), closes_at=days(30))

    assert notifications.due_notices() == [(str(page.translation_key), NoticeKind.OPENED)]


def test_an_opening_noticed_too_late_is_not_announced(index):
    consultation(index, opens_at=days(-3), closes_at=days(30))

    assert notifications.due_notices() == []


def test_an_upcoming_consultation_is_not_announced_yet(index):
    consultation(index, opens_at=days(1), closes_at=days(30))

    assert notifications.due_notices() == []


def test_closing_soon_only_within_the_last_week(index):
    soon = consultation(index, opens_at=days(-20), closes_at=days(6))
    consultation(index, opens_at=days(-20), closes_at=days(8))
    consultation(index, opens_at=days(-20), closes_at=days(0, -1))  # closed already

    assert notifications.due_notices() == [(str(soon.translation_key), NoticeKind.CLOSING_SOON)]


def test_a_short_consultation_gets_only_its_opening_notice_on_its_first_day(index):
    page = consultation(index, opens_at=days(0, -2), closes_at=days(5))

    assert notifications.enqueue_due_notices() == [(str(page.translation_key), NoticeKind.OPENED)]
    assert notifications.due_notices(now=days(1)) == [(str(page.translation_key), NoticeKind.CLOSING_SOON)]


def test_the_report_is_announced_when_published(index):
    published = consultation(index, opens_at=days(-40), closes_at=days(-10), report_published_at=days(0, -1))
    consultation(index, opens_at=days(-40), closes_at=days(-10), report_published_at=days(-5))  # too late
    consultation(index, opens_at=days(-40), closes_at=days(-10), report_published_at=days(2))  # not yet
    consultation(index, opens_at=days(-40), closes_at=days(-10))  # no report

    assert notifications.due_notices() == [(str(published.translation_key), NoticeKind.REPORT_PUBLISHED)]


def test_unpublished_consultations_are_not_announced(index):
    page = consultation(index)
    page.unpublish()

    assert notifications.due_notices() == []


def test_a_consultation_in_several_languages_is_announced_once(index, translated_home, locales):
    page = consultation(index)
    translate(page, locales["uk"], "Політика інтеграції")
    translate(page, locales["en"], "Integration policy")

    assert notifications.due_notices() == [(str(page.translation_key), NoticeKind.OPENED)]


# --- sending -------------------------------------------------------------------------------------------


def test_each_follower_gets_the_notice_once(index):
    page = consultation(index)
    first, second = follower(page), follower(page)
    UserFactory()  # not following

    run_command()
    run_command()

    assert len(mail.outbox) == 2
    assert {tuple(message.to) for message in mail.outbox} == {(first.email,), (second.email,)}
    notices = NoticeSent.objects.filter(consultation_key=page.translation_key, kind=NoticeKind.OPENED)
    assert notices.count() == 1
    assert page.full_url in mail.outbox[0].body
    assert page.title in mail.outbox[0].subject


def test_the_notice_is_in_the_followers_language(index, translated_home, locales):
    page = consultation(index, closes_at=days(6), opens_at=days(-10))
    ukrainian = translate(page, locales["uk"], "Політика інтеграції Любліна")
    uk_reader, en_reader = follower(page, "uk"), follower(page, "en")

    run_command()

    [uk_message] = mail_to(uk_reader)
    assert ukrainian.full_url in uk_message.body
    assert "/uk/" in ukrainian.full_url
    assert "Політика інтеграції Любліна" in uk_message.subject
    with translation.override("uk"):  # month names come from Django's own complete catalogues
        closes = format_date(timezone.localtime(page.closes_at), "j E Y")
        subject = str(notifications.SUBJECTS[NoticeKind.CLOSING_SOON] % {"title": ukrainian.title})
    assert closes in uk_message.body
    assert uk_message.subject == subject

    [en_message] = mail_to(en_reader)  # no English translation: the Polish page, in English words
    assert page.full_url in en_message.body
    assert "/uk/" not in en_message.body and "/en/" not in en_message.body
    with translation.override("en"):
        assert format_date(timezone.localtime(page.closes_at), "j E Y") in en_message.body


def test_the_report_notice(index):
    page = consultation(index, opens_at=days(-40), closes_at=days(-10), report_published_at=days(0, -2))
    reader = follower(page)

    run_command()

    [message] = mail_to(reader)
    assert page.full_url in message.body
    assert NoticeSent.objects.filter(kind=NoticeKind.REPORT_PUBLISHED).count() == 1


def test_inactive_and_anonymised_followers_get_nothing(index):
    page = consultation(index)
    follower(page, is_active=False)
    follower(page, anonymised_at=timezone.now())
    reader = follower(page)

    run_command()

    assert [message.to for message in mail.outbox] == [[reader.email]]


def test_a_notice_recorded_by_a_concurrent_run_is_not_sent_again(index, monkeypatch):
    page = consultation(index)
    follower(page)
    key = str(page.translation_key)
    # The other run recorded the notice after this run listed it as due.
    monkeypatch.setattr(notifications, "due_notices", lambda now=None: [(key, NoticeKind.OPENED)])
    NoticeSent.objects.create(consultation_key=key, kind=NoticeKind.OPENED)

    assert notifications.enqueue_due_notices() == []
    assert mail.outbox == []


def test_the_command_enqueues_a_background_task(index, monkeypatch):
    page = consultation(index)
    enqueued = []

    class Task:
        @staticmethod
        def enqueue(*args):
            enqueued.append(args)

    monkeypatch.setattr(notifications, "send_consultation_notice", Task)
    output = StringIO()

    call_command("send_consultation_notices", stdout=output)

    assert enqueued == [(str(page.translation_key), NoticeKind.OPENED)]
    assert "1 notice(s) enqueued." in output.getvalue()
    assert mail.outbox == []


def test_the_task_can_be_called_for_a_missing_consultation(db):
    assert notifications.send_consultation_notice.call("00000000-0000-0000-0000-000000000000", "opened") == 0
