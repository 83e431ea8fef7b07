"""axe-core (WCAG 2.0/2.1, levels A and AA) finds no violation on any type of page.

Every page type gets its own test, on a site filled with realistic content built by the factories:
a home page with the policy timeline, news, events, working groups, reports, good practices,
consultations, the accessibility statement, search, the 404 page and the account pages."""

import datetime
import io
from functools import cached_property

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from citysite.accounts.factories import UserFactory
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from home import factories as f
from home.models import ComplianceStatus, GoodPracticeArea

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH_TERM = "Lublin"


def paragraph(html):
    return {"type": "paragraph", "value": html}


def rich_body(*, link_to, document, image):
    """A body with one block of every kind (StreamField JSON form: dicts of type and value)."""
    return [
        {"type": "heading", "value": {"text": "Dlaczego to ważne", "level": "h2"}},
        paragraph(
            f'<p>Lublin jest domem dla wielu osób z doświadczeniem migracji. <a href="/">Strona główna</a> '
            f'i <a id="{link_to.pk}" linktype="page">strona powiązana</a>.</p>'
            "<ul><li>edukacja</li><li>praca</li></ul>"
        ),
        {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "Plac Litewski"}},
        {"type": "image", "value": {"image": image.pk, "decorative": True, "alt_text": ""}},
        {"type": "heading", "value": {"text": "Głosy mieszkańców", "level": "h3"}},
        {
            "type": "quote",
            "value": {"text": "Chcemy współdecydować o mieście.\nRazem.", "attribution": "Rada migrantów"},
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Weź udział",
                "text": "Konsultacje są otwarte dla wszystkich mieszkańców.",
                "page": link_to.pk,
                "url": "",
                "link_text": "Zobacz konsultacje",
            },
        },
        {"type": "documents", "value": {"title": "Dokumenty", "documents": [document.pk]}},
    ]


class SiteContent:
    """Builds, on first use, the pages a test needs (with what they show and link to). The live server's
    database is flushed after every test, so each test builds its own: only what it visits, to stay
    fast. Index pages go in the main menu, and the accessibility statement is always there, for the
    footer link, so every page has the whole header and footer."""

    def __init__(self, home_page):
        self.root = home_page
        self.accessibility_statement = f.AccessibilityStatementPageFactory(
            title="Deklaracja dostępności",
            compliance_status=ComplianceStatus.PARTIAL,
            non_conformities="<p>Niektóre dokumenty PDF nie są w pełni dostępne.</p>",
            keyboard_shortcuts="Tab – następny element\nShift+Tab – poprzedni element",
            architectural_accessibility="<p>Urząd ma windę i toaletę dla osób z niepełnosprawnościami.</p>",
        )

    @cached_property
    def document(self):
        return get_document_model().objects.create(
            title="Diagnoza sytuacji migrantów w Lublinie",
            file=ContentFile(b"%PDF-1.4\n% test document\n", name="diagnoza.pdf"),
        )

    @cached_property
    def image(self):
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 40), (11, 79, 138)).save(buffer, "PNG")
        return get_image_model().objects.create(
            title="Plac Litewski w Lublinie", file=ImageFile(buffer, name="plac-litewski.png")
        )

    @cached_property
    def consultations(self):
        now = timezone.now()
        index = ConsultationIndexPageFactory(
            title="Konsultacje", intro="Konsultacje społeczne polityki integracji.", show_in_menus=True
        )
        item = ConsultationPageFactory(
            parent=index,
            title="Konsultacje programu integracji Lublin 2025",
            summary="Powiedz nam, czego potrzebujesz w szkole, w pracy i w urzędzie.",
            body=[paragraph("<p>Konsultacje trwają 30 dni.</p>")],
        )
        ConsultationPageFactory(
            parent=index,
            title="Konsultacje zakończone",
            opens_at=now - datetime.timedelta(days=60),
            closes_at=now - datetime.timedelta(days=30),
        )
        ConsultationPageFactory(
            parent=index,
            title="Konsultacje zaplanowane",
            opens_at=now + datetime.timedelta(days=10),
            closes_at=now + datetime.timedelta(days=40),
        )
        return {"index": index, "item": item}

    @cached_property
    def standard(self):
        return f.StandardPageFactory(
            title="O procesie w Lublinie",
            intro="Jak powstaje polityka integracji.",
            show_in_menus=True,
            body=rich_body(link_to=self.consultations["index"], document=self.document, image=self.image),
        )

    @cached_property
    def news(self):
        index = f.NewsIndexPageFactory(title="Aktualności", intro="Co nowego.", show_in_menus=True)
        item = f.NewsPageFactory(
            parent=index,
            title="Rusza rada migrantów w Lublinie",
            summary="Pierwsze posiedzenie rady odbędzie się w październiku.",
            body=[paragraph("<p>Zapraszamy wszystkich mieszkańców Lublina.</p>")],
        )
        f.NewsPageFactory(parent=index, title="Spotkanie w bibliotece", date=datetime.date(2024, 5, 2))
        return {"index": index, "item": item}

    @cached_property
    def events(self):
        index = f.EventIndexPageFactory(
            title="Wydarzenia", intro="Spotkania i warsztaty.", show_in_menus=True
        )
        item = f.EventPageFactory(
            parent=index,
            title="Warsztaty o prawach lokatorów w Lublinie",
            address="ul. Peowiaków 12",
            organiser="Fundacja Dom Otwarty",
            body=[paragraph("<p>Tłumaczenie na ukraiński i rosyjski.</p>")],
        )
        past = timezone.now() - datetime.timedelta(days=20)
        f.EventPageFactory(
            parent=index, title="Piknik sąsiedzki", start=past, end=past + datetime.timedelta(hours=3)
        )
        return {"index": index, "item": item}

    @cached_property
    def working_groups(self):
        index = f.WorkingGroupIndexPageFactory(title="Grupy robocze", intro="Kto pracuje nad czym.")
        item = f.WorkingGroupPageFactory(
            parent=index,
            title="Edukacja w Lublinie",
            participants=[
                ("participant", {"name": "Urząd Miasta Lublin", "kind": "institution"}),
                ("participant", {"name": "Stowarzyszenie Homo Faber", "kind": "organisation"}),
                ("participant", {"name": "Społeczność ukraińska", "kind": "community"}),
                ("participant", {"name": "dr Anna Nowak", "kind": "expert"}),
            ],
            meetings=[
                (
                    "meeting",
                    {"date": datetime.date(2024, 3, 5), "title": "Drugie spotkanie", "summary": "Plan."},
                ),
                (
                    "meeting",
                    {"date": datetime.date(2023, 10, 17), "title": "Pierwsze spotkanie", "summary": ""},
                ),
            ],
            outcomes=[
                ("outcome", {"title": "Asystenci międzykulturowi", "description": "W szkołach.", "status": s})
                for s in ("proposed", "discussed", "adopted", "implemented", "rejected")
            ],
            documents=[("document", {"document": self.document, "description": "Raport z diagnozy"})],
        )
        return {"index": index, "item": item}

    @cached_property
    def report(self):
        return f.ReportPageFactory(
            title="Raport z diagnozy w Lublinie",
            summary="Wyniki badania potrzeb mieszkańców.",
            document=self.document,
            body=[paragraph("<p>Najważniejsze wnioski.</p>")],
        )

    @cached_property
    def good_practices(self):
        index = f.GoodPracticeIndexPageFactory(title="Dobre praktyki", intro="Co działa w innych miastach.")
        item = f.GoodPracticePageFactory(
            parent=index,
            title="Punkt informacyjny dla cudzoziemców w Lublinie",
            organisation="Urząd Miasta Lublin",
            area=GoodPracticeArea.INFORMATION,
            body=[paragraph("<p>Informacja w czterech językach.</p>")],
        )
        f.GoodPracticePageFactory(parent=index, title="Rada imigrantów", city="Gdańsk")
        return {"index": index, "item": item}

    @cached_property
    def home(self):
        """The home page with the process timeline (a stage in each state), open consultations, news,
        upcoming events and the ways to reach the council and the ombudsperson."""
        self.consultations, self.news, self.events  # noqa: B018 - what the home page lists
        home = self.root
        # Reload: publishing a stale instance would write back numchild=0 and hide every child page.
        home.refresh_from_db()
        home.intro = "Platforma partycypacji w polityce integracji Lublina."
        home.timeline = [
            (
                "stage",
                {"title": "Diagnoza", "period": "jesień 2023", "description": "Badanie.", "state": "done"},
            ),
            (
                "stage",
                {"title": "Konsultacje", "period": "wiosna 2025", "description": "", "state": "current"},
            ),
            (
                "stage",
                {"title": "Uchwała", "period": "jesień 2025", "description": "Rada.", "state": "upcoming"},
            ),
        ]
        home.reach_us = [
            (
                "card",
                {
                    "title": "Rada migrantów",
                    "text": "Napisz do rady.",
                    "page": self.working_groups["index"],
                    "url": "",
                    "link_text": "Grupy robocze rady",
                },
            ),
            (
                "card",
                {
                    "title": "Rzecznik praw migrantów",
                    "text": "Zgłoś problem.",
                    "page": None,
                    "url": "https://example.org/rzecznik",
                    "link_text": "Napisz do rzecznika",
                },
            ),
        ]
        home.save_revision().publish()
        return home


@pytest.fixture
def content(home_page, settings, tmp_path):
    """The site's content, built on demand. Uploads go to a temporary folder, in the root collection,
    which the database flush between live-server tests removes with the rest of the migrations' data."""
    settings.MEDIA_ROOT = tmp_path
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return SiteContent(home_page)


PAGE_TYPES = {
    "HomePage": lambda c: c.home,
    "StandardPage": lambda c: c.standard,
    "NewsIndexPage": lambda c: c.news["index"],
    "NewsPage": lambda c: c.news["item"],
    "EventIndexPage": lambda c: c.events["index"],
    "EventPage": lambda c: c.events["item"],
    "WorkingGroupIndexPage": lambda c: c.working_groups["index"],
    "WorkingGroupPage": lambda c: c.working_groups["item"],
    "ReportPage": lambda c: c.report,
    "GoodPracticeIndexPage": lambda c: c.good_practices["index"],
    "GoodPracticePage": lambda c: c.good_practices["item"],
    "AccessibilityStatementPage": lambda c: c.accessibility_statement,
    "ConsultationIndexPage": lambda c: c.consultations["index"],
    "ConsultationPage": lambda c: c.consultations["item"],
}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible(page, content, assert_accessible, page_type):
    wagtail_page = PAGE_TYPES[page_type](content)
    assert type(wagtail_page).__name__ == page_type
    response = page.goto(wagtail_page.url)
    assert response.status == 200
    assert_accessible(page)


def test_home_page_in_ukrainian_is_accessible(page, content, locales, assert_accessible):
    home_uk = content.home.copy_for_translation(locales["uk"])
    home_uk.title = "Відкрите місто"
    home_uk.save_revision().publish()
    response = page.goto("/uk/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator(".timeline__stage").count() == 3
    assert_accessible(page)


def test_search_results_are_accessible(page, content, assert_accessible):
    content.standard, content.news  # noqa: B018 - pages that mention the search term
    response = page.goto(f"/search/?q={SEARCH_TERM}")
    assert response.status == 200
    assert page.locator(".search-results li").count() > 0
    assert_accessible(page)


def test_not_found_page_is_accessible(page, home_page, assert_accessible):
    response = page.goto("/nie-ma-takiej-strony/")
    assert response.status == 404
    assert_accessible(page)


def test_login_page_is_accessible(page, home_page, assert_accessible):
    page.goto("/account/login/")
    assert_accessible(page)


def fill_signup_with_mismatched_passwords(page, prefix=""):
    page.goto(f"{prefix}/account/signup/")
    page.fill("input[name=email]", "nowa.osoba@example.org")
    page.fill("input[name=password1]", "Kalyna-u-Lublini-2024")
    page.fill("input[name=password2]", "Kalyna-u-Lublini-2025")
    with page.expect_navigation():
        page.locator("main form[action$='/account/signup/'] button[type=submit]").click()
    assert page.locator("main .errorlist").count() > 0, "the sign-up form shows no error"


def submit_account_deletion_unconfirmed(page):
    page.goto("/account/my-data/")
    with page.expect_navigation():
        page.locator("main form[action$='/account/my-data/delete/'] button[type=submit]").click()
    assert page.locator("main .errorlist").count() > 0, "the deletion form shows no error"


@pytest.mark.parametrize("prefix", ["", "/uk"], ids=["pl", "uk"])
def test_signup_page_with_errors_is_accessible(page, home_page, assert_accessible, prefix):
    fill_signup_with_mismatched_passwords(page, prefix)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/account/profile/", "/account/my-data/"], ids=["profile", "my-data"])
def test_account_page_is_accessible(logged_in_page, home_page, assert_accessible, path):
    page = logged_in_page(UserFactory(display_name="Olena"))
    response = page.goto(path)
    assert response.status == 200
    assert page.url.endswith(path), f"redirected to {page.url}"
    assert_accessible(page)


def test_my_data_page_with_errors_is_accessible(page, logged_in_page, home_page, assert_accessible):
    assert_accessible(_my_data_errors(page, logged_in_page))


def _login(page, logged_in_page):
    page.goto("/account/login/")
    return page


def _signup_errors(page, logged_in_page):
    fill_signup_with_mismatched_passwords(page)
    return page


def _profile(page, logged_in_page):
    page = logged_in_page(UserFactory(display_name="Olena"))
    page.goto("/account/profile/")
    return page


def _my_data_errors(page, logged_in_page):
    page = logged_in_page(UserFactory(display_name="Olena"))
    submit_account_deletion_unconfirmed(page)
    return page


@pytest.mark.parametrize(
    "open_form",
    [
        pytest.param(_login, id="login"),
        pytest.param(_signup_errors, id="signup-errors"),
        pytest.param(_profile, id="profile"),
        pytest.param(_my_data_errors, id="my-data-errors"),
    ],
)
def test_form_fields_are_described_by_their_help_and_errors(
    page, logged_in_page, home_page, assert_aria_references_resolve, open_form
):
    """Every aria-describedby leads to the help text or error it names. axe only flags a missing one
    for human review, so a form whose help and errors were never announced would pass it."""
    assert_aria_references_resolve(open_form(page, logged_in_page))


def test_axe_reports_violations(page, axe):
    """The harness itself: axe is loaded, runs the WCAG rules and reports what it finds."""
    page.set_content(
        '<html><head><title>x</title></head><body><main><h1>Broken</h1><img src="x.png">'
        '<p style="color:#bbb;background:#fff">low contrast</p><input type="text"></main></body></html>'
    )
    found = {violation["id"] for violation in axe(page)["violations"]}
    assert {"html-has-lang", "image-alt", "color-contrast", "label"} <= found, found
