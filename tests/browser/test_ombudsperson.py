"""The migrants' ombudsperson in a real browser: an anonymous person files a case in Russian, gets its
reference and secret code, the ombudsperson answers it in the handling screens, and the person — in a
fresh browser, without any session — reads the reply with the reference and code; a wrong code gets the
one generic answer. axe-core finds no WCAG 2.1 A/AA violation on the case form (also with errors), the
receipt, the status page (the form, the wrong-code answer and the case), the inbox and a case page.

Case pages send a Content-Security-Policy ("default-src 'self'") that refuses the script axe-core is
injected as, so every case page is opened in a context that bypasses CSP (`case_context`)."""

import importlib
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from ombudsperson import services
from ombudsperson.forms import CASE_NOT_FOUND
from ombudsperson.models import (
    AuditAction,
    Case,
    CaseAuditEntry,
    CaseEntry,
    CaseStatus,
    EntryKind,
    OmbudspersonPage,
)

pytestmark = pytest.mark.django_db(transaction=True)

RUSSIAN_DESCRIPTION = (
    "Хозяин квартиры отказался продлить договор аренды, когда узнал, что я из Беларуси. "
    "Это было в марте, в районе Чехув."
)
RUSSIAN_REPLY = "Здравствуйте! Мы написали владельцу квартиры и ждём ответа. Напишем вам через неделю."
INTERNAL_NOTE = "Sprawdzić umowę najmu; kontakt z Biurem Praw Lokatorów."
WRONG_CODE = "AAAA-BBBB-CCCC-DDDD"


def russian(message) -> str:
    """A UI string as it appears on a Russian page."""
    with translation.override("ru"):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def url(name, **kwargs) -> str:
    """A URL of the default language (unprefixed), whatever language the test thread has active."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs)


@pytest.fixture(autouse=True)
def migration_data(home_page):
    """The staff groups come from a data migration, which the live server's flush removes."""
    importlib.import_module("citysite.accounts.migrations.0002_staff_groups").create_groups(django_apps, None)


@pytest.fixture(autouse=True)
def no_waiting(settings):
    """No minimum fill time for the form, and no rate-limit counts left from another test."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ombudsperson_page(home_page):
    page = OmbudspersonPage(
        title="Rzecznik praw migrantów",
        slug="rzecznik",
        intro="Poufny kanał dla migrantów i migrantek.",
        role_explanation="<p>Rzecznik pomaga, gdy ktoś potraktował cię niesprawiedliwie.</p>",
        process_explanation="<p>Tylko rzecznik czyta zgłoszenie.</p>",
        retention_explanation="<p>Zamknięte sprawy usuwamy.</p>",
        form_intro="Nie podawaj nazwisk innych osób.",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def russian_page(ombudsperson_page, translated_home, locales):
    """The ombudsperson's page in Russian, under the Russian home page."""
    translation_page = ombudsperson_page.copy_for_translation(locales["ru"])
    translation_page.title = "Уполномоченный по правам мигрантов"
    translation_page.intro = "Конфиденциальный канал для мигрантов."
    translation_page.role_explanation = "<p>Уполномоченный помогает, если с вами поступили несправедливо.</p>"
    translation_page.process_explanation = "<p>Ваше сообщение читает только уполномоченный.</p>"
    translation_page.retention_explanation = "<p>Закрытые дела удаляются.</p>"
    translation_page.form_intro = "Не указывайте имён других людей."
    translation_page.save_revision().publish()
    return OmbudspersonPage.objects.get(pk=translation_page.pk)


@pytest.fixture
def case_context(new_context, live_server):
    """A browser context that bypasses the case pages' Content-Security-Policy (for axe-core), signed in
    as `user` when given (with a session of its own: each call logs in with a new test client)."""

    def make(user=None):
        context = new_context(bypass_csp=True)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
            )
        return context

    return make


def case_page(case_context, user=None):
    return case_context(user).new_page()


def open_page(page, address, status=200):
    response = page.goto(address)
    assert response.status == status, f"{address} answered {response.status}"
    return page


def expect_russian(page):
    assert page.locator("html").get_attribute("lang") == "ru", f"not in Russian: {page.url}"
    assert urlsplit(page.url).path.startswith("/ru/"), f"left the Russian site: {page.url}"


def route(form_page, name):
    """The address of one of the ombudsperson page's routes ("received", "status")."""
    return form_page.url + form_page.reverse_subpage(name)


def send_case_form(page, form_page):
    with page.expect_navigation():
        page.locator(f"main form[action='{form_page.url}'] button[type=submit]").click()


def fill_case_form(page, description=RUSSIAN_DESCRIPTION):
    page.check("input[name=category][value=housing]")
    page.fill("textarea[name=description]", description)
    page.select_option("select[name=preferred_language]", "ru")


def look_up(page, reference, code):
    page.fill("input[name=reference]", reference)
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.locator("main form:has(input[name=code]) button[type=submit]").click()


# 1. A person files a case in Russian and later reads the ombudsperson's reply


def test_person_files_a_case_in_russian_and_reads_the_reply(case_context, russian_page, ombudsperson):
    person = case_page(case_context)
    open_page(person, russian_page.url)
    expect_russian(person)
    expect(person.locator("main h1")).to_have_text(russian_page.title)
    # The form is in Russian and preselects Russian as the language of the answer.
    expect(person.locator("select[name=preferred_language]")).to_have_value("ru")
    fill_case_form(person)
    send_case_form(person, russian_page)

    assert urlsplit(person.url).path == route(russian_page, "received")
    expect_russian(person)
    codes = person.locator(".receipt .case-codes .case-code")
    expect(codes).to_have_count(2)
    reference, code = (text.strip() for text in codes.all_inner_texts())
    case = Case.objects.get()
    assert case.reference == reference
    assert case.check_secret_code(code)
    assert (case.category, case.preferred_language, case.status) == ("housing", "ru", CaseStatus.RECEIVED)
    assert case.description == RUSSIAN_DESCRIPTION
    assert (case.contact, case.contact_consent) == ("", False)
    assert code not in person.url and reference not in person.url
    # The code is shown once: the receipt, opened again, no longer has it.
    open_page(person, route(russian_page, "received"))
    expect(person.locator(".case-code")).to_have_count(0)
    assert code not in person.content()

    # The ombudsperson finds the case in the inbox and replies in the handling screens.
    handler = case_page(case_context, ombudsperson)
    open_page(handler, url("ombudsperson_handling:inbox"))
    case_url = url("ombudsperson_handling:case", reference=reference)
    with handler.expect_navigation():
        handler.locator(f"main a[href='{case_url}']").click()
    assert urlsplit(handler.url).path == case_url
    expect(handler.locator("main")).to_contain_text(RUSSIAN_DESCRIPTION)
    handler.fill("textarea[name=reply-text]", RUSSIAN_REPLY)
    reply_action = url("ombudsperson_handling:send_reply", reference=reference)
    with handler.expect_navigation():
        handler.locator(f"main form[action='{reply_action}'] button[type=submit]").click()
    assert urlsplit(handler.url).path == case_url
    reply = CaseEntry.objects.get(case=case, kind=EntryKind.REPLY)
    assert (reply.text, reply.author, reply.emailed_at) == (RUSSIAN_REPLY, ombudsperson, None)
    expect(handler.locator(".case-entry--reply")).to_contain_text(RUSSIAN_REPLY)
    assert CaseAuditEntry.objects.filter(
        reference=reference, action=AuditAction.REPLY_SENT, user=ombudsperson
    ).exists()
    # An internal note, which the person must never see.
    services.add_note(ombudsperson, case, INTERNAL_NOTE)

    # Later, in a fresh browser (no session, no cookie), the person opens the status page.
    later = case_page(case_context)
    open_page(later, route(russian_page, "status"))
    expect_russian(later)
    # A wrong code gets the generic answer, and shows nothing of the case.
    look_up(later, reference, WRONG_CODE)
    expect(later.locator("main .error-summary[role=alert]")).to_have_text(russian(CASE_NOT_FOUND))
    expect(later.locator("input[name=reference]")).to_have_value(reference)
    expect(later.locator("input[name=code]")).to_have_value("")
    expect(later.locator("main")).not_to_contain_text(RUSSIAN_REPLY)
    # A reference that does not exist gets the very same answer.
    look_up(later, "RM-ZZZZ-ZZZZ" if reference != "RM-ZZZZ-ZZZZ" else "RM-YYYY-YYYY", code)
    expect(later.locator("main .error-summary[role=alert]")).to_have_text(russian(CASE_NOT_FOUND))

    # The right pair, typed in lower case with spaces, shows the case with the reply.
    look_up(later, reference.lower(), code.lower().replace("-", " "))
    assert urlsplit(later.url).path == route(russian_page, "status")
    expect_russian(later)
    expect(later.locator("main h1")).to_have_text(russian("Your case"))
    expect(later.locator("main .case-code")).to_have_text(reference)
    expect(later.locator("main .case-reply")).to_have_count(1)
    expect(later.locator("main .case-reply")).to_contain_text(RUSSIAN_REPLY)
    expect(later.locator("main")).not_to_contain_text(INTERNAL_NOTE)
    expect(later.locator("main")).not_to_contain_text(RUSSIAN_DESCRIPTION)
    assert CaseAuditEntry.objects.filter(reference=reference, action=AuditAction.VIEWED_BY_PERSON).exists()


# 2. axe-core on the person's pages


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_case_form_and_its_errors_are_accessible(
    case_context, ombudsperson_page, russian_page, assert_accessible, assert_aria_references_resolve, language
):
    form_page = russian_page if language == "ru" else ombudsperson_page
    page = case_page(case_context)
    open_page(page, form_page.url)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # No topic, no description, a contact without consent: three errors, summarised and linked.
    page.fill("input[name=contact]", "to nie jest kontakt")
    send_case_form(page, form_page)
    summary = page.locator("main .error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a")).to_have_count(3)
    expect(page.locator("#id_category")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_category_error\b")
    )
    expect(page.locator("#id_description")).to_have_attribute(
        "aria-describedby", re.compile(r"^id_description_helptext id_description_error$")
    )
    assert not Case.objects.exists()
    assert_accessible(page)
    assert_aria_references_resolve(page)


def test_receipt_is_accessible(case_context, russian_page, assert_accessible, assert_aria_references_resolve):
    page = case_page(case_context)
    open_page(page, russian_page.url)
    fill_case_form(page)
    send_case_form(page, russian_page)
    expect(page.locator(".receipt .case-code")).to_have_count(2)
    assert Case.objects.count() == 1
    assert_accessible(page)
    assert_aria_references_resolve(page)


@pytest.fixture
def answered_case(ombudsperson):
    """A case filed in Russian with one reply and one internal note; its code."""
    case, code = services.file_case(category="work", description=RUSSIAN_DESCRIPTION, preferred_language="ru")
    services.send_reply(ombudsperson, case, RUSSIAN_REPLY)
    services.add_note(ombudsperson, case, INTERNAL_NOTE)
    services.record_referral(ombudsperson, case, "Państwowa Inspekcja Pracy, Lublin")
    return case, code


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_status_page_is_accessible(
    case_context,
    ombudsperson_page,
    russian_page,
    answered_case,
    assert_accessible,
    assert_aria_references_resolve,
    language,
):
    case, code = answered_case
    form_page = russian_page if language == "ru" else ombudsperson_page
    page = case_page(case_context)
    open_page(page, route(form_page, "status"))
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # Empty fields: the form with its errors.
    with page.expect_navigation():
        page.locator("main form:has(input[name=code]) button[type=submit]").click()
    expect(page.locator("main .error-summary a")).to_have_count(2)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # A wrong code: the generic answer.
    look_up(page, case.reference, WRONG_CODE)
    expect(page.locator("main .error-summary[role=alert]")).to_be_visible()
    expect(page.locator("main .case-reply")).to_have_count(0)
    assert_accessible(page)

    # The case with its reply and referral.
    look_up(page, case.reference, code)
    expect(page.locator("main .case-reply")).to_contain_text(RUSSIAN_REPLY)
    expect(page.locator("main")).to_contain_text("Państwowa Inspekcja Pracy, Lublin")
    assert_accessible(page)
    assert_aria_references_resolve(page)


# 3. axe-core on the ombudsperson's screens


def test_inbox_and_case_page_are_accessible(
    case_context, answered_case, ombudsperson, assert_accessible, assert_aria_references_resolve
):
    case, _code = answered_case
    services.file_case(
        category="discrimination", description="Odmówiono mi obsługi w urzędzie.", preferred_language="pl"
    )
    page = case_page(case_context, ombudsperson)

    open_page(page, url("ombudsperson_handling:inbox"))
    expect(page.locator("main table tbody tr")).to_have_count(2)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    open_page(page, url("ombudsperson_handling:inbox") + "?status=referred&category=work")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    assert_accessible(page)

    case_url = url("ombudsperson_handling:case", reference=case.reference)
    open_page(page, case_url)
    expect(page.locator("main .case-entry--reply")).to_contain_text(RUSSIAN_REPLY)
    expect(page.locator("main .case-entry--note")).to_contain_text(INTERNAL_NOTE)
    assert_accessible(page)
    assert_aria_references_resolve(page)

    # The reply form sent empty: the case page with an error.
    with page.expect_navigation():
        page.locator(
            f"main form[action='{url('ombudsperson_handling:send_reply', reference=case.reference)}'] "
            "button[type=submit]"
        ).click()
    expect(page.locator("main .error-summary")).to_be_visible()
    assert CaseEntry.objects.filter(case=case, kind=EntryKind.REPLY).count() == 1
    assert_accessible(page)
    assert_aria_references_resolve(page)


def test_status_page_link_is_on_the_form_page(case_context, russian_page):
    """The person finds the status page from the form page, by its Russian link."""
    page = case_page(case_context)
    open_page(page, russian_page.url)
    with page.expect_navigation():
        page.locator(f"main a[href='{route(russian_page, 'status')}']").first.click()
    assert urlsplit(page.url).path == route(russian_page, "status")
    expect(page.locator("main h1")).to_have_text(russian("Check your case"))
