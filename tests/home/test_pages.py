"""Every editorial page type renders in all four languages, and the language switcher leads to the
translation of the page (or to that language's home when there is none)."""

import re

import pytest
from django.conf import settings

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from home import factories

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _build(kind, home_page):
    """A published page of the given type, with the parents it needs."""
    if kind == "home":
        return home_page
    if kind == "news":
        return factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home_page))
    if kind == "event":
        return factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home_page))
    if kind == "working_group":
        return factories.WorkingGroupPageFactory(
            parent=factories.WorkingGroupIndexPageFactory(parent=home_page)
        )
    if kind == "good_practice":
        return factories.GoodPracticePageFactory(
            parent=factories.GoodPracticeIndexPageFactory(parent=home_page)
        )
    if kind == "consultation":
        return ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    factory = {
        "standard": factories.StandardPageFactory,
        "news_index": factories.NewsIndexPageFactory,
        "event_index": factories.EventIndexPageFactory,
        "working_group_index": factories.WorkingGroupIndexPageFactory,
        "report": factories.ReportPageFactory,
        "good_practice_index": factories.GoodPracticeIndexPageFactory,
        "accessibility_statement": factories.AccessibilityStatementPageFactory,
        "consultation_index": ConsultationIndexPageFactory,
    }[kind]
    return factory(parent=home_page)


PAGE_KINDS = [
    "home",
    "standard",
    "news_index",
    "news",
    "event_index",
    "event",
    "working_group_index",
    "working_group",
    "report",
    "good_practice_index",
    "good_practice",
    "accessibility_statement",
    "consultation_index",
    "consultation",
]


def _translate(page, locale):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = f"{page.title} [{locale.language_code}]"
    translation.save_revision().publish()
    return translation


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_type_renders_in_every_language_with_matching_html_lang(client, translated_home, locales, kind):
    page = _build(kind, translated_home["pl"])
    pages = {"pl": page}
    for code in LANGUAGE_CODES[1:]:
        pages[code] = translated_home[code] if kind == "home" else _translate(page, locales[code])

    for code, translated in pages.items():
        url = translated.get_url()
        assert code == "pl" or url.startswith(f"/{code}/")
        response = client.get(url)
        assert response.status_code == 200, (kind, code, url)
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert translated.title in html
        switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
        for other_code, other in pages.items():
            assert f'href="{other.get_url()}" lang="{other_code}"' in switcher


def test_switcher_leads_to_language_home_when_page_not_translated(client, translated_home):
    page = factories.StandardPageFactory(parent=translated_home["pl"], title="Tylko po polsku")
    response = client.get(page.get_url())
    switcher = response.content.decode().split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    for code in ("en", "uk", "ru"):
        assert f'href="{translated_home[code].get_url()}" lang="{code}"' in switcher


def test_switcher_on_a_view_that_is_not_a_page_keeps_the_view(client, home_page):
    response = client.get("/uk/search/?q=lublin")
    html = response.content.decode()
    assert '<html lang="uk"' in html
    assert re.search(r'href="/ru/search/\?q=lublin" lang="ru"', html)
    assert re.search(r'href="/search/\?q=lublin" lang="pl"', html)


def test_footer_links_to_accessibility_statement_in_current_language(client, translated_home, locales):
    statement = factories.AccessibilityStatementPageFactory(parent=translated_home["pl"])
    statement_uk = statement.copy_for_translation(locales["uk"])
    statement_uk.save_revision().publish()
    news_index = factories.NewsIndexPageFactory(parent=translated_home["pl"])

    html = client.get(news_index.get_url()).content.decode()
    footer = html.split('class="site-footer"', 1)[1]
    assert f'href="{statement.get_url()}"' in footer

    html_uk = client.get("/uk/").content.decode()
    assert f'href="{statement_uk.get_url()}"' in html_uk.split('class="site-footer"', 1)[1]


def test_home_page_highlights_current_stage_and_lists_open_consultations_and_news(client, home_page):
    home_page.timeline = [
        ("stage", {"title": "Grupy robocze", "period": "2023", "description": "", "state": "done"}),
        ("stage", {"title": "Projekt polityki", "period": "2024", "description": "", "state": "current"}),
        ("stage", {"title": "Konsultacje", "period": "jesień 2024", "description": "", "state": "upcoming"}),
    ]
    home_page.reach_us = [
        (
            "card",
            {"title": "Rzecznik migrantów", "text": "Poufnie.", "page": None, "url": "", "link_text": "x"},
        )
    ]
    home_page.save_revision().publish()
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page), title="Konsultacje polityki"
    )
    news = factories.NewsPageFactory(parent=factories.NewsIndexPageFactory(parent=home_page), title="Nowości")

    html = client.get("/").content.decode()
    current = re.search(
        r'<li class="timeline__stage timeline__stage--current" aria-current="step">(.*?)</li>', html, re.S
    )
    assert current and "Projekt polityki" in current.group(1)
    assert html.count('aria-current="step"') == 1
    assert consultation.title in html
    assert news.title in html
    assert "Rzecznik migrantów" in html


def test_home_page_does_not_list_closed_consultations(client, home_page):
    from datetime import timedelta

    from django.utils import timezone

    ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        title="Zamknięte konsultacje",
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
    )
    assert "Zamknięte konsultacje" not in client.get("/").content.decode()


def test_working_group_page_shows_meetings_outcomes_and_participants(client, home_page):
    import datetime

    group = factories.WorkingGroupPageFactory(
        parent=factories.WorkingGroupIndexPageFactory(parent=home_page),
        title="Edukacja",
        meetings=[
            ("meeting", {"date": datetime.date(2023, 11, 7), "title": "Drugie", "summary": ""}),
            ("meeting", {"date": datetime.date(2023, 10, 17), "title": "Pierwsze", "summary": "Start"}),
        ],
        outcomes=[
            ("outcome", {"title": "Asystenci międzykulturowi", "description": "", "status": "adopted"})
        ],
        participants=[("participant", {"name": "Fundacja Homo Faber", "kind": "organisation"})],
    )
    html = client.get(group.get_url()).content.decode()
    assert html.index("2023-10-17") < html.index("2023-11-07")
    assert "Asystenci międzykulturowi" in html
    assert "status--adopted" in html
    assert "Fundacja Homo Faber" in html


def test_good_practice_library_filters_by_city_and_area(client, home_page):
    library = factories.GoodPracticeIndexPageFactory(parent=home_page)
    factories.GoodPracticePageFactory(
        parent=library, title="Lublin dla wszystkich", city="Lublin", area="governance"
    )
    factories.GoodPracticePageFactory(
        parent=library, title="Białystok dla Tolerancji", city="Białystok", area="governance"
    )
    factories.GoodPracticePageFactory(
        parent=library, title="Study in Lublin", city="Lublin", area="education"
    )

    html = client.get(library.get_url(), {"city": "Lublin"}).content.decode()
    assert "Lublin dla wszystkich" in html and "Study in Lublin" in html
    assert "Białystok dla Tolerancji" not in html

    html = client.get(library.get_url(), {"city": "Lublin", "area": "education"}).content.decode()
    assert "Study in Lublin" in html and "Lublin dla wszystkich" not in html

    html = client.get(library.get_url(), {"area": "not-an-area"}).content.decode()
    assert "Wybierz poprawną wartość" in html  # Django's Polish "Select a valid choice"
    assert "Lublin dla wszystkich" in html and "Białystok dla Tolerancji" in html


def test_event_that_ends_before_it_starts_is_invalid(home_page):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from home.models import EventPage

    start = timezone.now()
    event = EventPage(
        title="x", slug="x", start=start, end=start - datetime.timedelta(hours=1), location="L", summary="s"
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict
