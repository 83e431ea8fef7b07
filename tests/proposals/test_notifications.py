"""E-mails when the city changes a proposal's status: the author and the followers, each once, in their
own language, with a link to the proposal under the index page in that language."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation

from citysite.accounts.factories import UserFactory
from proposals import notifications, services
from proposals.comment_places import proposal_full_url, proposal_path
from proposals.factories import ProposalFactory
from proposals.models import ProposalFollow, ProposalIndexPage, Status
from tests.i18n import polish

ANSWER = "Miasto przygotuje bazę tłumaczy do końca roku."
BODY = "Wydział Spraw Społecznych"


def follower(proposal, language="pl", **fields):
    user = UserFactory(preferred_language=language, **fields)
    ProposalFollow.objects.create(proposal=proposal, user=user)
    return user


def mail_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def accept(user, proposal, index):
    return services.change_status(
        user, proposal, index, to_status=Status.ACCEPTED, answer=ANSWER, answering_body=BODY
    )


@pytest.fixture
def ukrainian_index(proposal_index, translated_home, locales):
    page = proposal_index.copy_for_translation(locales["uk"])
    page.title = "Пропозиції мешканців"
    page.save_revision().publish()
    return ProposalIndexPage.objects.get(pk=page.pk)


@pytest.fixture
def languages_rendered(monkeypatch):
    """The language active while each e-mail template was rendered."""
    seen = []

    def recording(template_name, context=None, *args, **kwargs):
        seen.append((template_name, translation.get_language(), context["recipient"].email))
        return render_to_string(template_name, context, *args, **kwargs)

    monkeypatch.setattr(notifications, "render_to_string", recording)
    return seen


def test_the_author_and_each_follower_get_one_email(proposal_index, proposal, author, moderator):
    ProposalFollow.objects.create(proposal=proposal, user=author)  # the author follows their own proposal
    first, second = follower(proposal), follower(proposal)

    accept(moderator, proposal, proposal_index)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [author.email, first.email, second.email]
    )


def test_the_email_tells_the_status_and_the_answer(proposal_index, proposal, author, moderator):
    reader = follower(proposal)

    accept(moderator, proposal, proposal_index)

    [to_author] = mail_to(author)
    [to_reader] = mail_to(reader)
    with translation.override("pl"):
        status = str(Status.ACCEPTED.label)
    for message in (to_author, to_reader):
        assert "\n" not in message.subject
        assert proposal.title in message.subject and status in message.subject
        assert ANSWER in message.body and BODY in message.body and status in message.body
        assert "&" not in message.body.replace(ANSWER, "")  # plain text, nothing escaped
    assert author.public_name in to_author.body and reader.public_name in to_reader.body
    yours = polish("The city has answered your proposal “%(title)s”.") % {"title": proposal.title}
    followed = polish("The city has answered the proposal “%(title)s”, which you follow.") % {
        "title": proposal.title
    }
    assert yours in to_author.body and followed not in to_author.body
    assert followed in to_reader.body and yours not in to_reader.body


def test_the_link_points_to_the_proposal_under_its_index(proposal_index, proposal, author, moderator):
    accept(moderator, proposal, proposal_index)

    [message] = mail_to(author)
    url = proposal_index.get_full_url() + proposal_index.reverse_subpage("detail_view", args=(proposal.pk,))
    assert url == proposal_full_url(proposal, "pl")
    assert url.startswith("http") and url.endswith(f"/{proposal.pk}/")
    assert url.endswith(proposal_path(proposal_index, proposal.pk))
    assert url in message.body


def test_each_person_reads_it_in_their_language(
    proposal_index, ukrainian_index, proposal, author, moderator, languages_rendered
):
    reader = follower(proposal, "uk")
    english_reader = follower(proposal, "en")

    accept(moderator, proposal, proposal_index)

    languages = {(template, email): language for template, language, email in languages_rendered}
    assert languages == {
        ("proposals/email/status_subject.txt", author.email): "pl",
        ("proposals/email/status_body.txt", author.email): "pl",
        ("proposals/email/status_subject.txt", reader.email): "uk",
        ("proposals/email/status_body.txt", reader.email): "uk",
        ("proposals/email/status_subject.txt", english_reader.email): "en",
        ("proposals/email/status_body.txt", english_reader.email): "en",
    }
    [message] = mail_to(reader)
    with translation.override("uk"):
        assert str(Status.ACCEPTED.label) in message.subject
    uk_url = ukrainian_index.get_full_url() + ukrainian_index.reverse_subpage(
        "detail_view", args=(proposal.pk,)
    )
    assert "/uk/" in uk_url
    assert uk_url in message.body
    [polish_message] = mail_to(author)
    assert "/uk/" not in polish_message.body
    assert proposal_index.get_full_url() in polish_message.body


def test_without_a_translation_of_the_index_the_polish_page_is_linked(proposal_index, proposal, moderator):
    reader = follower(proposal, "en")

    accept(moderator, proposal, proposal_index)

    [message] = mail_to(reader)
    assert proposal_full_url(proposal, "en") in message.body
    assert proposal_full_url(proposal, "en") == proposal_full_url(proposal, "pl")
    assert "/en/" not in message.body


def test_a_published_proposal_is_not_said_to_have_a_publication_date(pre_moderated_index, author, moderator):
    """The status "published" has its own translation, not the one of a publication date's label."""
    waiting = ProposalFactory(index=pre_moderated_index, author=author, status=Status.SUBMITTED)

    services.change_status(
        moderator, waiting, pre_moderated_index, to_status=Status.PUBLISHED, answer="", answering_body=""
    )

    [message] = mail_to(author)
    with translation.override("pl"):
        publication_date = translation.gettext("published")
        assert str(Status.PUBLISHED.label) in message.subject
    assert publication_date not in message.subject and publication_date not in message.body
    with translation.override("uk"):
        assert str(Status.PUBLISHED.label) != translation.gettext("published")


@pytest.mark.parametrize(
    "fields",
    [{"is_active": False}, {"anonymised_at": timezone.now}, {"email": ""}],
    ids=["inactive", "anonymised", "without e-mail"],
)
def test_people_who_cannot_be_told_get_nothing(proposal_index, proposal, author, moderator, fields):
    fields = {key: value() if callable(value) else value for key, value in fields.items()}
    follower(proposal, **fields)

    sent = notifications.notify_status_change(accept(moderator, proposal, proposal_index))

    assert sent == 1
    assert [message.to for message in mail.outbox] == [[author.email], [author.email]]  # change_status + ours


@pytest.mark.parametrize(
    "fields",
    [{"is_active": False}, {"anonymised_at": timezone.now}, {"email": ""}],
    ids=["inactive", "anonymised", "without e-mail"],
)
def test_an_author_who_cannot_be_told_gets_nothing_the_followers_still_do(proposal_index, moderator, fields):
    fields = {key: value() if callable(value) else value for key, value in fields.items()}
    proposal = ProposalFactory(index=proposal_index, author=UserFactory(**fields))
    reader = follower(proposal)

    accept(moderator, proposal, proposal_index)

    assert [message.to for message in mail.outbox] == [[reader.email]]


def test_a_proposal_whose_author_left_still_tells_its_followers(proposal_index, moderator):
    proposal = ProposalFactory(index=proposal_index, author=None)
    reader = follower(proposal)

    accept(moderator, proposal, proposal_index)

    assert [message.to for message in mail.outbox] == [[reader.email]]


def test_a_refused_change_sends_nothing(proposal_index, proposal, resident):
    follower(proposal)

    with pytest.raises(PermissionDenied):
        accept(resident, proposal, proposal_index)

    assert mail.outbox == []


def test_the_emails_go_through_the_task_queue(proposal_index, proposal, author, moderator, settings):
    settings.EMAIL_BACKEND = "citysite.mail.TaskQueueEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reader = follower(proposal, "uk")

    accept(moderator, proposal, proposal_index)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([author.email, reader.email])
    assert all(ANSWER in message.body for message in mail.outbox)
