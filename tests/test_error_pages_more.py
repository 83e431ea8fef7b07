"""Error pages in the reader's language, and requests refused before any view reads them (issues 15.7 and
9.6): 400 for NUL characters, 403 for a refused role or an expired form, 413 for an oversized body
refused by its Content-Length, 503 with Retry-After when the database or the cache is away, and a 500
page whose home link keeps the reader's language."""

from unittest import mock

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from citysite.accounts.factories import DEFAULT_PASSWORD
from citysite.errors import RETRY_AFTER_SECONDS
from citysite.middleware import body_limit
from consultations.models import Answer
from ombudsperson.forms import ATTACHMENT_MAX_BYTES, FILE_TOO_LARGE
from ombudsperson.models import Case

from .accounts.helpers import logged_in_user_id
from .ombudsperson import conftest as ombudsperson_fixtures
from .ombudsperson.helpers import DESCRIPTION, PDF_BYTES, form_data, page_url

pytestmark = pytest.mark.django_db

ombudsperson_page = ombudsperson_fixtures.ombudsperson_page

LANGUAGES = [("", "pl"), ("/en", "en"), ("/uk", "uk"), ("/ru", "ru")]
MB = 1024 * 1024


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def assert_page_in(response, language: str, *messages: str):
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for message in messages:
        assert translated(language, message) in html, message


def home_link(prefix: str) -> str:
    return f'<a class="button" href="{prefix}/"'


# --- 400: NUL characters -------------------------------------------------------------------------------

BAD_REQUEST_TITLE = "We could not understand this request"


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_a_nul_character_in_the_search_is_a_translated_400(client, translated_home, prefix, language):
    response = client.get(f"{prefix}/search/?q=%00")

    assert response.status_code == 400
    assert_page_in(response, language, BAD_REQUEST_TITLE)
    assert home_link(prefix) in response.content.decode()


@pytest.mark.parametrize(
    ("address", "language"),
    [
        ("/search/?q=Lublin%00", "pl"),
        ("/search/?q%00=Lublin", "pl"),
        ("/search/?page=1&q=a&q=%00", "pl"),
        ("/%00/", "pl"),
        ("/en/news%00/", "en"),
    ],
)
def test_nul_characters_anywhere_in_the_address_are_refused(client, home_page, address, language):
    response = client.get(address)

    assert response.status_code == 400
    assert_page_in(response, language, BAD_REQUEST_TITLE)


def test_the_same_search_without_nul_works(client, home_page):
    assert client.get("/search/", {"q": "Lublin"}).status_code == 200


def test_a_nul_character_in_the_case_form_saves_nothing(client, ombudsperson_page):
    response = client.post(page_url(ombudsperson_page), form_data(description="Pracodawca\x00 nie płaci"))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_nul_character_in_the_login_form_signs_nobody_in(client, home_page, resident):
    response = client.post(
        reverse("account_login"), {"login": resident.email + "\x00", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 400
    assert logged_in_user_id(client) is None


def test_a_nul_character_in_a_consultation_answer_saves_nothing(client, home_page):
    from .consultations.helpers import answer_url, make_consultation
    from .consultations.helpers import form_data as answer_data

    consultation = make_consultation(home_page)

    response = client.post(answer_url(consultation), answer_data(district="Czuby\x00"))

    assert response.status_code == 400
    assert not Answer.objects.exists()


# --- 403 -------------------------------------------------------------------------------------------


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_a_refused_role_gets_a_translated_403(client, home_page, resident, prefix, language):
    client.force_login(resident)

    response = client.get(f"{prefix}/refused/")

    assert response.status_code == 403
    assert_page_in(response, language, "You do not have access to this page")
    assert home_link(prefix) in response.content.decode()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_an_expired_form_gets_a_translated_403(home_page, prefix, language):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"{prefix}/account/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert_page_in(response, language, "This form has expired")


# --- 413 -------------------------------------------------------------------------------------------


@pytest.fixture
def parsing_forbidden():
    """Fails the test if anything starts reading a multipart body."""
    with mock.patch.object(MultiPartParser, "parse", side_effect=AssertionError("the body was read")):
        yield


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_a_50_mb_upload_is_refused_by_its_length_before_it_is_read(
    client, ombudsperson_page, parsing_forbidden, prefix, language
):
    address = prefix + page_url(ombudsperson_page)

    response = client.post(address, form_data(), CONTENT_LENGTH=str(50 * MB))

    assert response.status_code == 413
    assert not response.has_header("Connection")  # hop-by-hop: runserver's wsgiref refuses it
    assert_page_in(response, language, "What you sent is too large")
    assert not Case.objects.exists()


def test_a_file_a_little_over_the_form_limit_gets_the_form_message(client, ombudsperson_page):
    content = PDF_BYTES + b"0" * (ATTACHMENT_MAX_BYTES + MB)
    attachment = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")

    response = client.post(page_url(ombudsperson_page), form_data(attachment=attachment))

    # Under the request limit: the form says what is wrong beside everything the person typed.
    assert response.status_code == 200
    assert str(FILE_TOO_LARGE).split("%")[0] in response.content.decode()
    assert DESCRIPTION in response.content.decode()
    assert not Case.objects.exists()


def test_the_limit_follows_the_largest_upload_of_the_path(settings):
    factory = RequestFactory()
    form_fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    admin_upload = factory.post("/admin/documents/multiple/add/", {"title": "x"})
    public_upload = factory.post("/rzecznik/", {"description": "x"})
    plain_form = factory.post("/rzecznik/", "description=x", content_type="application/x-www-form-urlencoded")

    assert body_limit(admin_upload) == settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + form_fields
    assert body_limit(public_upload) == 5 * MB + form_fields
    assert body_limit(plain_form) == form_fields


def test_an_admin_document_within_its_limit_is_not_refused(client, home_page, editor, parsing_forbidden):
    client.force_login(editor)

    with pytest.raises(AssertionError, match="the body was read"):
        client.post("/admin/documents/multiple/add/", {"title": "x"}, CONTENT_LENGTH=str(15 * MB))


# --- 500 and 503 -------------------------------------------------------------------------------------


def failing_search(monkeypatch, error):
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr("home.views.paginate", broken)


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_the_500_page_links_to_the_home_page_in_the_readers_language(
    client, translated_home, monkeypatch, prefix, language
):
    failing_search(monkeypatch, RuntimeError("a bug"))
    client.raise_request_exception = False

    response = client.get(f"{prefix}/search/", {"q": "Lublin"})

    assert response.status_code == 500
    assert_page_in(response, language, "Something went wrong")
    assert home_link(prefix) in response.content.decode()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_a_database_outage_is_a_translated_503_with_retry_after(client, translated_home, prefix, language):
    client.raise_request_exception = False
    outage = OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    # Every query fails: the page must render without the database.
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=outage):
        response = client.get(f"{prefix}/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert_page_in(response, language, "The site is briefly unavailable")
    assert home_link(prefix) in response.content.decode()


def test_a_cache_outage_that_reaches_a_view_is_a_503(client, home_page, monkeypatch):
    failing_search(monkeypatch, redis.exceptions.ConnectionError("Error 111 connecting to redis:6379"))
    client.raise_request_exception = False

    response = client.get("/en/search/", {"q": "Lublin"})

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert_page_in(response, "en", "The site is briefly unavailable")


# --- 404 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_the_404_page_links_to_the_home_page_in_the_readers_language(
    client, translated_home, prefix, language
):
    response = client.get(f"{prefix}/nie-ma-takiej-strony/")

    assert response.status_code == 404
    assert_page_in(response, language, "Page not found")
    assert home_link(prefix) in response.content.decode()
