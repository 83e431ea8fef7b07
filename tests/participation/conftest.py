"""A published consultation with two draft sections, and comments on them: the shared comment
mechanism is exercised where it is first used."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.rich_text import RichText

from citysite.accounts.factories import UserFactory
from citysite.participation.factories import CommentFactory
from citysite.participation.models import Comment
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import DraftSection

ROLES = [
    "visitor",
    "unverified_user",
    "resident",
    "author",
    "editor",
    "moderator",
    "analyst",
    "council_member",
    "ombudsperson",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def draft_section(heading, text):
    return (
        "section",
        {
            "heading": heading,
            "text": RichText(f"<p>{text}</p>"),
            "change_note": "",
            "prompted_by": [],
            "report_summary": "",
        },
    )


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(
        parent=index,
        title="Polityka integracji Lublina",
        draft=[
            draft_section("Edukacja", "Szkoły i przedszkola dla wszystkich."),
            draft_section("Czas wolny", "Kultura i sport."),
        ],
    )


@pytest.fixture
def section(consultation):
    return DraftSection.objects.filter(consultation_key=consultation.translation_key).order_by("position")[0]


def comment_on(section, author=None, text="Potrzebujemy więcej kursów języka polskiego.", **fields):
    return CommentFactory(target=section, author=author, text=text, **fields)


@pytest.fixture
def author(db):
    """The person who wrote the comment under discussion; reads e-mail in Ukrainian."""
    return UserFactory(display_name="Oksana", preferred_language="uk")


@pytest.fixture
def comment(section, author):
    return comment_on(section, author)


def url(name, comment, language="pl"):
    with translation.override(language):
        return reverse(f"participation:{name}", args=[comment.pk])


def backdate(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    comment.refresh_from_db()
    return comment
