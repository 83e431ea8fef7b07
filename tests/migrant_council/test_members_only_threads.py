"""Comment threads on council drafts are members-only: they say replies are seen by council members only
and offer no "Report abuse" form (there is no public moderation in the council) and no sign-in note for
the public. Public threads (a consultation) keep all three."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.rich_text import RichText

from citysite.participation.models import Comment
from citysite.participation.threads import threads_by_target
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import DraftSection
from migrant_council.models import CouncilDraftSection

pytestmark = pytest.mark.django_db

MEMBERS_ONLY = "Replies are seen by council members only."
PUBLIC = "Replies are public: they appear under the comment, with your display name."
SIGN_IN = "Sign in to reply to comments"


def _comment(target, author, text, parent=None):
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(type(target)),
        target_id=target.pk,
        parent=parent,
        author=author,
        text=text,
        language="pl",
        consent_to_publish=True,
    )


def _report_forms(content, *comments):
    return [comment for comment in comments if reverse("participation:report", args=[comment.pk]) in content]


@pytest.fixture
def council_thread(draft, member, other_member):
    """A comment on the draft's first section with a reply: the reply is rendered by the nested include."""
    comment = _comment(draft.section_rows[0], member, "Brakuje przedszkoli.")
    reply = _comment(draft.section_rows[0], other_member, "Zgadzam się.", parent=comment)
    return comment, reply


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_a_council_draft_thread_is_for_members_only(client, request, role, draft, council_thread):
    client.force_login(request.getfixturevalue(role))
    with translation.override("en"):
        url = reverse("council_space:draft", args=[draft.pk])

    content = client.get(url).content.decode()

    comment, reply = council_thread
    assert comment.text in content and reply.text in content
    assert "Report abuse" not in content
    assert _report_forms(content, comment, reply) == []
    assert PUBLIC not in content
    assert SIGN_IN not in content
    if role == "member":  # members reply (the secretariat may not have a verified address)
        assert content.count(MEMBERS_ONLY) == 2  # under the comment and under the nested reply


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(
        parent=index,
        title="Polityka integracji Lublina",
        draft=[
            (
                "section",
                {
                    "heading": "Edukacja",
                    "text": RichText("<p>Szkoły dla wszystkich.</p>"),
                    "change_note": "",
                    "prompted_by": [],
                    "report_summary": "",
                },
            )
        ],
    )


@pytest.fixture
def consultation_thread(consultation, resident, editor):
    section = DraftSection.objects.get(consultation_key=consultation.translation_key)
    comment = _comment(section, resident, "Potrzebujemy kursów języka polskiego.")
    reply = _comment(section, editor, "Dziękujemy.", parent=comment)
    return comment, reply


def _polish(message):
    """The consultation page is Polish (the default language, unprefixed)."""
    with translation.override("pl"):
        return escape(gettext(message))


def test_a_consultation_thread_stays_public(client, resident, consultation, consultation_thread):
    client.force_login(resident)

    content = client.get(consultation.url).content.decode()

    comment, reply = consultation_thread
    assert comment.text in content and reply.text in content
    assert _report_forms(content, comment, reply) == [comment, reply]
    assert content.count(_polish("Report abuse")) == 2
    assert content.count(_polish(PUBLIC)) == 2
    assert _polish(MEMBERS_ONLY) not in content


def test_a_visitor_is_asked_to_sign_in_on_a_consultation(client, consultation, consultation_thread):
    content = client.get(consultation.url).content.decode()

    assert _polish(SIGN_IN) in content


def _render_thread(target_model, target, user, **parameters):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    threads = threads_by_target(target_model, [target.pk])
    with translation.override("en"):
        return render_to_string(
            "participation/includes/thread.html",
            {"comments": threads[target.pk], "request": request, "user": user, **parameters},
        )


def test_the_include_leaves_out_the_sign_in_note_only_when_members_only(draft, council_thread):
    section = draft.section_rows[0]

    public = _render_thread(CouncilDraftSection, section, AnonymousUser())
    members_only = _render_thread(CouncilDraftSection, section, AnonymousUser(), members_only=True)

    assert SIGN_IN in public and "Report abuse" in public
    assert SIGN_IN not in members_only and "Report abuse" not in members_only
