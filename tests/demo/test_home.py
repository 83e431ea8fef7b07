"""The editorial part of the demo (tests/demo/conftest.py loads it once): the Polish site with every
section, working groups, good practices, translations, the role accounts; the pages render."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import (
    AccessibilityStatementPage,
    EventIndexPage,
    EventPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ReportPage,
    StandardPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)

DOMAIN = "demo.otwartemiasto.pl"
# e-mail -> the group the account must be in (None: no group)
ACCOUNTS = {
    f"resident@{DOMAIN}": None,
    f"editor@{DOMAIN}": "Editors",
    f"moderator@{DOMAIN}": "Moderators",
    f"analyst@{DOMAIN}": "Consultation analysts",
    f"council@{DOMAIN}": "Council members",
    f"secretariat@{DOMAIN}": "Council secretariat",
    f"ombudsperson@{DOMAIN}": "Ombudsperson",
    f"admin@{DOMAIN}": None,
}
WORKING_GROUP_MEETINGS = {
    "edukacja": datetime.date(2023, 10, 17),
    "czas-wolny": datetime.date(2023, 10, 31),
    "potrzeby-podstawowe": datetime.date(2023, 11, 7),
    "interwencja-kryzysowa-i-bezpieczenstwo": datetime.date(2023, 11, 14),
}
TRANSLATED_TYPES = [HomePage, WorkingGroupIndexPage, WorkingGroupPage, AccessibilityStatementPage]


def in_language(model, code, **filters):
    return model.objects.filter(locale__language_code=code, **filters)


def test_polish_site_has_every_section(demo_home):
    home = HomePage.objects.get(pk=demo_home.pk)
    assert home.title == "Otwarte Miasto Lublin"
    states = [stage.value["state"] for stage in home.timeline]
    assert states.count("current") == 1
    assert states[0] == "done" and states[-1] == "upcoming"
    # The two cards lead to the council's page and to the ombudsperson's page.
    assert [type(card.value["page"].specific).__name__ for card in home.reach_us] == [
        "CouncilPage",
        "OmbudspersonPage",
    ]

    kdo = StandardPage.objects.child_of(home).get(slug="komisja-dialogu-obywatelskiego")
    assert ReportPage.objects.child_of(kdo).live().count() == 1
    assert "Stowarzyszenie Homo Faber" in str(kdo.body)

    menu = set(home.get_children().live().in_menu().values_list("slug", flat=True))
    assert menu == {
        "komisja-dialogu-obywatelskiego",
        "grupy-robocze",
        "konsultacje",
        "aktualnosci",
        "wydarzenia",
        "dobre-praktyki",
        "propozycje",
    }

    assert in_language(NewsIndexPage, "pl").count() == 1
    assert in_language(NewsPage, "pl").live().count() >= 6
    assert in_language(EventIndexPage, "pl").count() == 1
    assert EventPage.upcoming().filter(locale__language_code="pl").count() >= 3
    assert EventPage.objects.filter(end__lt=timezone.now()).exists()
    assert in_language(ConsultationIndexPage, "pl").count() == 1
    assert ConsultationPage.open_in_locale(home.locale).count() == 1
    assert in_language(AccessibilityStatementPage, "pl").get().get_parent().pk == home.pk


def test_working_groups_have_their_meeting_dates(demo_home):
    index = in_language(WorkingGroupIndexPage, "pl").get()
    groups = {group.slug: group for group in WorkingGroupPage.objects.child_of(index).live()}

    assert set(groups) == set(WORKING_GROUP_MEETINGS)
    for slug, date in WORKING_GROUP_MEETINGS.items():
        assert [meeting.value["date"] for meeting in groups[slug].meetings_in_order()] == [date]
        assert groups[slug].participants
        assert groups[slug].outcomes


def test_nine_good_practices(demo_home):
    index = in_language(GoodPracticeIndexPage, "pl").get()
    practices = GoodPracticePage.objects.child_of(index).live()

    assert practices.count() == 9
    assert set(practices.values_list("city", flat=True)) == {"Lublin", "Białystok", "Warszawa"}


def test_home_working_groups_and_statement_are_translated(demo_home, locales):
    polish_home = HomePage.objects.get(pk=demo_home.pk)
    for code in ["en", "uk", "ru"]:
        for model in TRANSLATED_TYPES:
            polish = in_language(model, "pl").live()
            translated = in_language(model, code).live()
            assert set(translated.values_list("translation_key", flat=True)) == set(
                polish.values_list("translation_key", flat=True)
            ), (code, model.__name__)

        for group in in_language(WorkingGroupPage, code):
            source = group.get_translation(locales["pl"])
            assert group.slug == source.slug
            assert group.title != source.title
            assert group.scope != source.scope
            assert group.meetings_in_order()[0].value["date"] == WORKING_GROUP_MEETINGS[group.slug]

        home = polish_home.get_translation(locales[code])
        assert home.intro and home.intro != polish_home.intro
        assert [stage.value["state"] for stage in home.timeline] == [
            stage.value["state"] for stage in polish_home.timeline
        ]
        assert {card.value["page"].locale.language_code for card in home.reach_us} == {code}

        statement = in_language(AccessibilityStatementPage, code).get()
        assert statement.get_parent().pk == home.pk
        assert (
            statement.complaint_procedure
            != in_language(AccessibilityStatementPage, "pl").get().complaint_procedure
        )


def test_every_demo_account_is_in_its_group_and_can_log_in(demo_home, demo_password, client):
    user_model = get_user_model()
    for email, group in ACCOUNTS.items():
        user = user_model.objects.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == ([group] if group else [])
        assert EmailAddress.objects.get(user=user, email=email).verified
        assert EmailAddress.objects.get(user=user, email=email).primary
        assert user.display_name
        assert client.login(email=email, password=demo_password), email
        client.logout()

    admin = user_model.objects.get(email=f"admin@{DOMAIN}")
    assert admin.is_superuser and admin.is_staff
    assert not user_model.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()
    assert user_model.objects.get(email=f"resident@{DOMAIN}").preferred_language == "uk"
    assert len(set(user_model.objects.values_list("preferred_language", flat=True))) > 1


def test_demo_pages_render(demo_home, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Otwarte Miasto Lublin" in response.text
    assert 'aria-current="step"' in response.text

    group = in_language(WorkingGroupPage, "uk", slug="edukacja").get()
    response = client.get(group.url)
    assert response.status_code == 200
    assert '<html lang="uk"' in response.text
    assert "Освіта" in response.text

    statement = in_language(AccessibilityStatementPage, "ru").get()
    response = client.get(statement.url)
    assert response.status_code == 200
    assert '<html lang="ru"' in response.text
    assert "Декларация доступности" in response.text


def test_polish_section_pages_render(demo_home, client):
    models = [
        NewsIndexPage,
        EventIndexPage,
        GoodPracticeIndexPage,
        ConsultationPage,
        StandardPage,
        ReportPage,
    ]
    for page in Page.objects.filter(locale__language_code="pl").live().type(*models):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    response = client.get(reverse("events_calendar"))
    assert response.status_code == 200
    summaries = [str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]
    assert any(summary.startswith("Café Dialog") for summary in summaries)
