"""Consultations in a real browser: a visitor reads the draft in Ukrainian, comments on a section and
answers anonymously; an analyst filters, tags and exports the answers in the Wagtail admin; axe-core
finds no WCAG 2.1 A/AA violation on the consultation's public pages; the answer form works with
JavaScript off."""

import csv
import datetime
import importlib
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from citysite.accounts.factories import UserFactory
from citysite.participation.models import Comment, Dimension, DimensionCode
from consultations.models import Answer, ConsultationPage, DraftSection, DraftVersion
from home.factories import WorkingGroupIndexPageFactory, WorkingGroupPageFactory
from tests.consultations.helpers import make_consultation, question, section

pytestmark = pytest.mark.django_db(transaction=True)

# Block ids; a section's anchor is made of the first 8 characters, so these differ there.
EDUCATION = "3e0a1c52-6d1b-4f0e-9b7a-0c1d2e3f4a01"
WORK = "7b2c9e14-0a3d-4c5e-8f6a-1b2c3d4e5f02"
OPINION = "a1000000-0000-4000-8000-000000000401"
AREA = "a2000000-0000-4000-8000-000000000402"
RATING = "a3000000-0000-4000-8000-000000000403"

UKRAINIAN_HEADINGS = {EDUCATION: "Освіта", WORK: "Робота"}
UKRAINIAN_COMMENT = "Потрібні уроки польської мови для батьків."


DRAFT = [
    section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły w nauce języka polskiego.</p>"),
    section(WORK, "Praca", "<p>Urząd pracy doradza w czterech językach.</p>"),
]
QUESTIONNAIRE = [
    question("long_text", OPINION, "Co jeszcze chcesz nam powiedzieć?"),
    question(
        "single_choice", AREA, "Który obszar jest najpilniejszy?", required=True, choices=["Szkoły", "Praca"]
    ),
    question("scale", RATING, "Jak oceniasz projekt?", lowest_label="źle", highest_label="dobrze"),
]


def days(number):
    return timezone.now() + datetime.timedelta(days=number)


def make_programme(home_page, **fields):
    """The integration programme consultation in an index titled "Konsultacje"; any page field
    overridable."""
    defaults = {
        "title": "Program integracji Lublin 2025",
        "summary": "Powiedz nam, czego potrzebujesz w szkole i w pracy.",
        "draft": DRAFT,
        "questionnaire": QUESTIONNAIRE,
    }
    return make_consultation(home_page, index_title="Konsultacje", **(defaults | fields))


def translate_to_ukrainian(page, locale):
    """The consultation in Ukrainian: same block ids (what comments and answers attach to), translated
    title and headings. Its parents are copied as aliases."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = "Програма інтеграції Люблін 2025"
    translation.summary = "Розкажіть, що вам потрібно в школі та на роботі."
    translation.draft = [
        section(
            block.id,
            UKRAINIAN_HEADINGS[block.id],
            f"<p>Текст розділу «{UKRAINIAN_HEADINGS[block.id]}».</p>",
        )
        for block in page.sections
    ]
    translation.questionnaire = [
        question("long_text", OPINION, "Що ще ви хочете нам сказати?"),
        question(
            "single_choice", AREA, "Яка сфера найнагальніша?", required=True, choices=["Школи", "Робота"]
        ),
        question("scale", RATING, "Як ви оцінюєте проєкт?", lowest_label="погано", highest_label="добре"),
    ]
    translation.save_revision().publish()
    return ConsultationPage.objects.get(pk=translation.pk)


def comment_on(page, block_id, text, **fields):
    record = DraftSection.objects.get(consultation_key=page.translation_key, section_id=block_id)
    fields = {"language": "pl", "consent_to_publish": True, **fields}
    return Comment.objects.create(
        target_type=ContentType.objects.get_for_model(DraftSection), target_id=record.pk, text=text, **fields
    )


def discuss(page, moderator):
    """Public comments with a reply, an official reply and a hidden comment."""
    named = comment_on(
        page,
        EDUCATION,
        "Potrzebujemy asystentów międzykulturowych.",
        author=UserFactory(display_name="Olena"),
    )
    comment_on(
        page,
        EDUCATION,
        "Zgadzam się, także w przedszkolach.",
        parent=named,
        author=UserFactory(display_name="Marek"),
    )
    comment_on(
        page,
        EDUCATION,
        "Dziękujemy, uwzględnimy to w programie.",
        parent=named,
        is_official=True,
        official_body="Wydział Spraw Społecznych UM Lublin",
        author=moderator,
    )
    comment_on(page, WORK, "Більше курсів для дорослих.", language="uk")
    comment_on(page, WORK, "Obraźliwy tekst.").hide(moderator, "Obraża innych.")


@pytest.fixture(autouse=True)
def migration_data(home_page):
    """The staff groups and the integration dimensions, which data migrations create and the flush
    after every live-server test removes. (serialized_rollback cannot restore them here: while
    Playwright's event loop runs, Django hands the test a new connection object, without the
    serialized database.) Both migrations use get_or_create, so running them again is harmless."""
    for module, function in [
        ("citysite.accounts.migrations.0002_staff_groups", "create_groups"),
        ("citysite.participation.migrations.0002_dimensions", "create_dimensions"),
    ]:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def answers_without_waiting(settings):
    """A person filling the form in a test is faster than any human: no minimum fill time, and no
    rate-limit counts left from another test."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(home_page):
    return make_programme(home_page)


@pytest.fixture
def ukrainian(consultation, locales):
    return translate_to_ukrainian(consultation, locales["uk"])


def expect_ukrainian(page):
    assert page.locator("html").get_attribute("lang") == "uk", f"not in Ukrainian: {page.url}"
    assert urlsplit(page.url).path.startswith("/uk/"), f"left the Ukrainian site: {page.url}"


def submit_answer(page):
    with page.expect_navigation():
        page.locator("main form.answer-form button[type=submit]").click()


def fill_answer(page, comment=""):
    if comment:
        # The section's text is folded away in <details>; open it to read while writing.
        page.locator(".answer-section__text summary").first.click()
        page.fill(f"textarea[name=comment_{EDUCATION}]", comment)
    page.fill(f"textarea[name=question_{OPINION}]", "Więcej informacji w urzędzie.")
    page.check(f"input[name=question_{AREA}][value='0']")
    page.check(f"input[name=question_{RATING}][value='4']")
    page.check("input[name=consent]")


# 1. A visitor reads the draft in Ukrainian, comments on a section and answers anonymously


def test_visitor_reads_the_draft_in_ukrainian_comments_and_answers_anonymously(page, consultation, ukrainian):
    response = page.goto(ukrainian.url)
    assert response.status == 200
    expect_ukrainian(page)
    expect(page.locator("main h1")).to_have_text(ukrainian.title)
    expect(page.locator("section.draft-section h3")).to_have_text(list(UKRAINIAN_HEADINGS.values()))
    expect(page.locator("nav.toc a")).to_have_text(list(UKRAINIAN_HEADINGS.values()))

    page.locator("main .answer-call a[href$='/answer/']").click()
    page.wait_for_url("**/answer/")
    expect_ukrainian(page)
    expect(page.locator(".answer-section h3")).to_have_text(list(UKRAINIAN_HEADINGS.values()))
    page.locator(".answer-section__text summary").first.click()
    expect(page.locator(".answer-section__text").first).to_contain_text("Текст розділу «Освіта»")
    page.fill(f"textarea[name=comment_{EDUCATION}]", UKRAINIAN_COMMENT)
    page.fill(f"textarea[name=question_{OPINION}]", "Більше інформації українською.")
    page.get_by_label("Школи").check()
    page.check(f"input[name=question_{RATING}][value='5']")
    page.check("input[name=consent_to_publish]")
    page.check("input[name=consent]")
    submit_answer(page)

    answer = Answer.objects.get()
    assert urlsplit(page.url).path == f"{ukrainian.url}answer/received/{answer.receipt_token}/"
    expect_ukrainian(page)
    expect(page.locator(".receipt")).to_be_visible()
    assert answer.respondent is None
    assert (answer.language, answer.page_id) == ("uk", ukrainian.pk)
    assert answer.consultation_key == ukrainian.translation_key
    assert answer.responses == {OPINION: "Більше інформації українською.", AREA: 0, RATING: 5}
    comment = answer.comments.get()
    assert (comment.text, comment.language, comment.consent_to_publish) == (UKRAINIAN_COMMENT, "uk", True)
    assert comment.target == DraftSection.objects.get(section_id=EDUCATION)

    # The published comment appears under its section, in the Polish page too: one consultation.
    page.locator(f"main a[href='{ukrainian.url}']").last.click()
    page.wait_for_url(f"**{ukrainian.url}")
    expect(page.locator(f"#section-{EDUCATION[:8]} #comment-{comment.pk}")).to_contain_text(UKRAINIAN_COMMENT)
    page.goto(consultation.url)
    expect(page.locator(f"#section-{EDUCATION[:8]} #comment-{comment.pk}")).to_contain_text(UKRAINIAN_COMMENT)


# 2. An analyst filters, tags and exports the answers in the Wagtail admin


def give_answer(page, language, opinion, **fields):
    return Answer.objects.create(
        consultation_key=page.translation_key,
        page=page,
        language=language,
        responses={OPINION: opinion, AREA: 1, RATING: 3},
        **fields,
    )


def test_analyst_filters_tags_and_exports_the_answers(logged_in_page, consultation, ukrainian, analyst):
    in_ukrainian = give_answer(ukrainian, "uk", "Потрібні курси польської мови.")
    in_ukrainian.comments.add(comment_on(ukrainian, EDUCATION, UKRAINIAN_COMMENT, language="uk"))
    in_polish = give_answer(consultation, "pl", "Więcej punktów informacyjnych.")
    page = logged_in_page(analyst)

    page.goto(reverse("wagtailadmin_home"))
    page.locator(f"a[href='{reverse('consultations_admin:index')}']").first.click()
    page.wait_for_url(f"**{reverse('consultations_admin:index')}")
    answers_url = reverse("consultations_admin:answers", args=[consultation.translation_key])
    # The consultation is listed once, under its title in the default language.
    page.locator(f"main a[href='{answers_url}']").click()
    page.wait_for_url(f"**{answers_url}")
    rows = page.locator("#listing-results tbody tr")
    expect(rows).to_have_count(2)

    # The filter drawer updates the list in place and the address with it.
    page.locator("#filters-drilldown button.w-slim-header-action-button").click()
    page.locator("#filters-drilldown button[aria-controls='drilldown-id_language']").click()
    with page.expect_response(lambda response: "/answers/results/" in response.url):
        page.locator("#filters-drilldown input[name=language][value=uk]").check()
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]language=uk(&|$)"))
    detail_url = reverse("consultations_admin:answer", args=[consultation.translation_key, in_ukrainian.pk])
    expect(rows.locator(f"a[href='{detail_url}']")).to_have_count(1)
    expect(rows.locator(f"a[href$='/answers/{in_polish.pk}/']")).to_have_count(0)

    page.keyboard.press("Escape")
    rows.locator(f"a[href='{detail_url}']").click()
    page.wait_for_url(f"**{detail_url}")
    expect(page.locator("main")).to_contain_text(UKRAINIAN_COMMENT)
    legal = Dimension.objects.get(code=DimensionCode.LEGAL)
    page.check(f"input[name=answer-dimensions][value='{legal.pk}']")
    page.fill("input[name=answer-tags]", "tłumaczenia")
    with page.expect_navigation():
        page.locator("main form:has(input[name=answer-tags]) button[type=submit]").click()
    assert urlsplit(page.url).path == detail_url
    in_ukrainian.refresh_from_db()
    assert list(in_ukrainian.dimensions.all()) == [legal]
    assert [tag.name for tag in in_ukrainian.tags.all()] == ["tłumaczenia"]
    expect(page.locator(f"input[name=answer-dimensions][value='{legal.pk}']")).to_be_checked()

    export_url = reverse("consultations_admin:export", args=[consultation.translation_key])
    page.goto(answers_url)
    page.locator(f"a[href='{export_url}']").first.click()
    page.wait_for_url(f"**{export_url}")
    with page.expect_download() as download_info:
        page.locator("main form button[type=submit]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 3, rows  # the header and both answers
    text = "\n".join(",".join(row) for row in rows)
    for expected in (
        "Потрібні курси польської мови.",
        UKRAINIAN_COMMENT,
        "tłumaczenia",
        "Więcej punktów informacyjnych.",
    ):
        assert expected in text, f"{expected!r} is not in the export:\n{text}"


# 3. axe-core: no WCAG 2.1 A/AA violation on the consultation's public pages


@pytest.fixture
def discussed(consultation, moderator):
    discuss(consultation, moderator)
    return consultation


def open_all_details(page):
    """Opens every <details> in <main> (section comments, reply and moderation forms), so that axe
    checks what they fold away too."""
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => { d.open = true; })")


def open_page(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    return page


@pytest.mark.parametrize("viewer", ["visitor", "moderator"])
def test_open_consultation_with_its_discussion_is_accessible(
    page, logged_in_page, discussed, moderator, assert_accessible, assert_aria_references_resolve, viewer
):
    """The moderator sees every action under each comment (reply, official reply, hide, restore)."""
    if viewer == "moderator":
        page = logged_in_page(moderator)
    open_page(page, discussed.url)
    expect(page.locator(".comment--official")).to_have_count(1)
    expect(page.locator(".comment--hidden")).to_have_count(1)
    expect(page.locator(".comment-thread .comment-thread .comment")).to_have_count(2)
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)


def test_open_consultation_in_ukrainian_is_accessible(page, discussed, ukrainian, assert_accessible):
    open_page(page, ukrainian.url)
    expect_ukrainian(page)
    expect(page.locator(".comment--official")).to_have_count(1)
    open_all_details(page)
    assert_accessible(page)


@pytest.mark.parametrize("prefix", ["", "/uk"], ids=["pl", "uk"])
def test_answer_form_with_errors_is_accessible(
    page, consultation, ukrainian, assert_accessible, assert_aria_references_resolve, prefix
):
    open_page(page, (ukrainian if prefix else consultation).url + "answer/")
    page.fill(f"textarea[name=question_{OPINION}]", "Bez odpowiedzi na pytanie obowiązkowe.")
    page.fill("input[name=email]", "to nie jest adres")
    submit_answer(page)
    expect(page.locator(".error-summary")).to_be_visible()
    # The summary links to the required question's first option, the consent and the e-mail address.
    summary_links = page.locator(".error-summary a")
    expect(summary_links).to_have_count(3)
    expect(page.locator(f"#id_question_{AREA}")).to_have_attribute(
        "aria-describedby", re.compile(f"id_question_{AREA}_error")
    )
    assert not Answer.objects.exists()
    open_all_details(page)
    assert_accessible(page)
    assert_aria_references_resolve(page)


def test_receipt_is_accessible(page, consultation, assert_accessible):
    open_page(page, consultation.url + "answer/")
    fill_answer(page, comment="Więcej lekcji polskiego.")
    submit_answer(page)
    expect(page.locator(".receipt")).to_be_visible()
    assert Answer.objects.get().comments.count() == 1
    assert_accessible(page)


@pytest.fixture
def reported(home_page, moderator):
    """A closed consultation with its report: summaries per section, quotes, decisions."""
    group = WorkingGroupPageFactory(
        parent=WorkingGroupIndexPageFactory(parent=home_page), title="Grupa Edukacja"
    )
    consultation = make_programme(
        home_page,
        opens_at=days(-40),
        closes_at=days(-10),
        report_published_at=days(-1),
        report_summary="<p>Dziękujemy za wszystkie głosy.</p>",
        draft=[
            section(EDUCATION, "Edukacja", "<p>Szkoły.</p>", "Prosiliście o asystentów międzykulturowych."),
            section(WORK, "Praca", "<p>Doradztwo.</p>", "Doradztwo także wieczorem."),
        ],
        decisions=[
            {
                "type": "decision",
                "value": {
                    "title": "Asystenci międzykulturowi w szkołach",
                    "description": "Od września w pięciu szkołach.",
                    "status": "in_progress",
                    "working_group": group.pk,
                },
            },
            {
                "type": "decision",
                "value": {"title": "Darmowe bilety", "description": "", "status": "not_adopted"},
            },
        ],
    )
    discuss(consultation, moderator)
    Comment.objects.filter(parent__isnull=True, hidden_at__isnull=True).update(quoted_in_report=True)
    give_answer(
        consultation, "pl", "Więcej informacji po ukraińsku.", quoted_in_report=True, consent_to_publish=True
    )
    give_answer(consultation, "uk", "Більше курсів.", quoted_in_report=True, consent_to_publish=True)
    return consultation


def test_consultation_with_its_report_is_accessible(page, reported, assert_accessible):
    open_page(page, reported.url)
    report = page.locator("section.report")
    expect(report).to_be_visible()
    expect(report.locator("table tbody tr")).to_have_count(2)
    expect(report).to_contain_text("Prosiliście o asystentów międzykulturowych.")
    expect(report.locator(".report__quotes blockquote").first).to_be_visible()
    open_all_details(page)
    assert_accessible(page)


def publish_draft(page, *sections):
    page = ConsultationPage.objects.get(pk=page.pk)
    page.draft = list(sections)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("number", [1, 2])
def test_earlier_draft_version_is_accessible(page, consultation, assert_accessible, number):
    publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły i przedszkola.</p>"),
        section(WORK, "Praca", "<p>Urząd pracy doradza w czterech językach.</p>"),
    )
    publish_draft(
        consultation,
        section(EDUCATION, "Edukacja", "<p>Miasto wspiera szkoły, przedszkola i uczelnie.</p>"),
        section(WORK, "Praca", "<p>Urząd pracy doradza w pięciu językach.</p>"),
        section(
            str(uuid.UUID("c0ffee00-0000-4000-8000-000000000303")), "Mieszkanie", "<p>Nowy rozdział.</p>"
        ),
    )
    assert DraftVersion.objects.filter(page=consultation).count() == 3
    open_page(page, f"{consultation.url}versions/{number}/")
    expect(page.locator("nav.version-nav [aria-current=page]")).to_have_count(1)
    expect(page.locator(".draft-section")).to_have_count(2)
    if number == 1:
        expect(page.locator(".draft-section").first).to_contain_text("w nauce języka polskiego")
    else:
        expect(page.locator(".diff").first).to_be_visible()
    open_all_details(page)
    assert_accessible(page)


# 4. JavaScript off


def test_answer_form_without_javascript(nojs_page, consultation):
    page = nojs_page
    open_page(page, consultation.url)
    page.locator("main .answer-call a[href$='/answer/']").click()
    page.wait_for_url("**/answer/")
    page.fill(f"textarea[name=comment_{WORK}]", "Doradztwo także w soboty.")
    page.check(f"input[name=question_{AREA}][value='1']")
    page.check("input[name=consent]")
    submit_answer(page)

    answer = Answer.objects.get()
    assert urlsplit(page.url).path == f"{consultation.url}answer/received/{answer.receipt_token}/"
    expect(page.locator(".receipt")).to_be_visible()
    assert answer.responses == {AREA: 1}
    assert answer.comments.get().text == "Doradztwo także w soboty."
