"""The public case form: no account, anonymous allowed, each bad input gets its own message, attachments are
checked by their content and kept encrypted, a double submit files one case, and the receipt shows the
reference and code once."""

import re
import time
import uuid
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from citysite.participation import spam
from ombudsperson import crypto
from ombudsperson.forms import (
    ATTACHMENT_MAX_BYTES,
    CONSENT_MISSING,
    CONTACT_INVALID,
    FILE_EMPTY,
    FILE_NOT_KEPT,
    FILE_TOO_LARGE,
    FILE_TYPE_INVALID,
)
from ombudsperson.models import (
    AuditAction,
    Case,
    CaseAttachment,
    CaseAuditEntry,
    CaseSubmission,
    ReceivedCaseCount,
    month_start,
)
from ombudsperson.views.public import RECEIPT_SESSION_KEY

from ..i18n import polish
from .helpers import DESCRIPTION, PDF_BYTES, form_data, jpeg_bytes, page_url, png_bytes

pytestmark = pytest.mark.django_db
TOO_LONG = "Please keep it to %(limit_value)d characters (it has %(show_value)d)."

CODES_RE = re.compile(r'class="case-code">([^<]+)<')


def send(client, page, **overrides):
    return client.post(page_url(page), form_data(**overrides))


def receipt_codes(client, page):
    response = client.get(page_url(page, "received"))
    assert response.status_code == 200
    return CODES_RE.findall(response.content.decode())


# --- the page and a valid case -----------------------------------------------------------------------


def test_the_page_explains_and_asks_nothing_about_identity(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_RETENTION_DAYS = 200
    response = client.get(page_url(ombudsperson_page))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Rzecznik pomaga migrantom." in html  # the editorial explanation
    assert "200" in html  # the retention period the site really applies
    form = response.context["form"]
    assert set(form.fields) == {
        "category",
        "description",
        "attachment",
        "preferred_language",
        "contact",
        "contact_consent",
        "submission_token",
        "website",
        "form_started",
    }
    input_names = set(re.findall(r'name="([^"]+)"', html))
    for word in ("citizen", "nationality", "pesel", "name", "surname", "document", "birth"):
        assert not [name for name in input_names if word in name.lower()], word
    assert 'enctype="multipart/form-data"' in html
    assert len(form.fields["category"].choices) == 8


def test_the_preferred_language_defaults_to_the_language_of_the_page(client, translated_pages):
    response = client.get(page_url(translated_pages["ru"]))
    assert response.status_code == 200
    assert response.context["form"]["preferred_language"].value() == "ru"
    assert '<option value="ru" selected>' in response.content.decode()


def test_an_anonymous_person_files_a_case_and_sees_reference_and_code_once(client, ombudsperson_page):
    response = send(client, ombudsperson_page, contact="+48 600 100 200", contact_consent="on")

    assert response.status_code == 302
    assert response["Location"] == page_url(ombudsperson_page, "received")
    case = Case.objects.get()
    assert (case.category, case.description, case.preferred_language) == ("work", DESCRIPTION, "pl")
    assert (case.contact, case.contact_consent) == ("+48 600 100 200", True)
    assert CaseAuditEntry.objects.filter(reference=case.reference, action=AuditAction.FILED).count() == 1
    assert ReceivedCaseCount.objects.get(month=month_start(case.created_at), category="work").count == 1

    # The code waits in the session encrypted, never in the clear.
    waiting = client.session[RECEIPT_SESSION_KEY]
    assert waiting["reference"] == case.reference
    reference, code = receipt_codes(client, ombudsperson_page)
    assert reference == case.reference
    assert code not in waiting["code"] and crypto.decrypt_text(waiting["code"]) == code
    assert Case.find(reference, code) == case

    # Shown once: a reload shows neither, and the session no longer holds them.
    assert receipt_codes(client, ombudsperson_page) == []
    assert RECEIPT_SESSION_KEY not in client.session
    again = client.get(page_url(ombudsperson_page, "received"))
    assert again.context["reference"] == "" and code not in again.content.decode()


def test_a_contact_without_consent_is_refused_with_a_clear_message(client, ombudsperson_page):
    response = send(client, ombudsperson_page, contact="oksana@example.org")

    assert response.status_code == 200
    assert not Case.objects.exists()
    assert response.context["form"].errors["contact_consent"] == [str(CONSENT_MISSING)]
    assert polish(
        "You gave a contact but did not agree to be contacted. Tick the box to let the ombudsperson contact "
        "you, or remove the contact."
    ) in response.content.decode().replace("&#x27;", "'")
    html = response.content.decode()
    assert "error-summary" in html and DESCRIPTION in html  # nothing typed is lost


def test_consent_without_a_contact_keeps_nothing(client, ombudsperson_page):
    send(client, ombudsperson_page, contact_consent="on")
    case = Case.objects.get()
    assert case.contact == "" and not case.contact_consent


@pytest.mark.parametrize(
    "contact",
    ["oksana@example.org", "+48 600 100 200", "600100200", "+380 44 123 4567", "  oksana@example.org  "],
)
def test_valid_contacts(client, ombudsperson_page, contact):
    response = send(client, ombudsperson_page, contact=contact, contact_consent="on")
    assert response.status_code == 302
    assert Case.objects.get().contact == contact.strip()


@pytest.mark.parametrize(
    "contact",
    [
        "oksana@",
        "oksana@example",
        "my phone",
        "12345",  # too short
        "+48 600 100 200 300 400 500",  # too long
        "600-100-200",  # only digits, spaces and +
        "48+600100200",  # + only at the start
        "+ + + + + + + +",
    ],
)
def test_invalid_contacts(client, ombudsperson_page, contact):
    response = send(client, ombudsperson_page, contact=contact, contact_consent="on")
    assert response.status_code == 200
    assert response.context["form"].errors["contact"] == [str(CONTACT_INVALID)]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"category": ""},
            "category",
            "Please choose what your case is about (choose “Other” if nothing fits).",
        ),
        ({"category": "citizenship"}, "category", "Please choose one of the topics in the list."),
        ({"description": ""}, "description", "Please describe what happened."),
        ({"description": "   "}, "description", "Please describe what happened."),
        (
            {"description": "x" * 8001},
            "description",
            (TOO_LONG, {"limit_value": 8000, "show_value": 8001}),
        ),
        ({"preferred_language": ""}, "preferred_language", "Please choose the language of the answer."),
        (
            {"preferred_language": "de"},
            "preferred_language",
            "Please choose one of the languages in the list.",
        ),
        (
            {"contact": "a@example.org" + "x" * 200, "contact_consent": "on"},
            "contact",
            (TOO_LONG, {"limit_value": 200, "show_value": 213}),
        ),
    ],
)
def test_each_invalid_input_gets_its_message(client, ombudsperson_page, overrides, field, message):
    response = send(client, ombudsperson_page, **overrides)
    assert response.status_code == 200
    message = polish(message[0]) % message[1] if isinstance(message, tuple) else polish(message)
    assert response.context["form"].errors[field] == [message]
    assert not Case.objects.exists()


def test_the_honeypot_and_the_fill_time_stop_robots(client, ombudsperson_page):
    response = send(client, ombudsperson_page, website="http://spam.example")
    assert response.context["form"].non_field_errors() == [str(spam.HONEYPOT_MESSAGE)]

    response = send(client, ombudsperson_page, form_started="")
    assert response.context["form"].non_field_errors() == [str(spam.TOO_FAST_MESSAGE)]

    just_now = spam.started_token("ombudsperson_case", at=time.time())
    response = send(client, ombudsperson_page, form_started=just_now)
    assert response.context["form"].non_field_errors() == [str(spam.TOO_FAST_MESSAGE)]
    assert 'role="alert"' in response.content.decode()
    assert not Case.objects.exists()


def test_many_cases_from_one_address_are_rate_limited(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_RATE = "3/h"
    for _number in range(3):
        assert send(client, ombudsperson_page).status_code == 302

    response = send(client, ombudsperson_page)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [str(spam.RATE_LIMIT_MESSAGE)]
    assert DESCRIPTION in response.content.decode()
    assert Case.objects.count() == 3
    # Another address is not held back.
    assert client.post(page_url(ombudsperson_page), form_data(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_mistakes_do_not_count_against_the_rate_limit(client, ombudsperson_page, settings):
    settings.OMBUDSPERSON_CASE_RATE = "1/h"
    for _number in range(3):
        assert send(client, ombudsperson_page, description="").status_code == 200
    assert send(client, ombudsperson_page).status_code == 302


# --- double submit and transactions ------------------------------------------------------------------


def test_a_double_submit_files_one_case(client, ombudsperson_page):
    token = str(uuid.uuid4())
    first = send(client, ombudsperson_page, submission_token=token)
    second = send(client, ombudsperson_page, submission_token=token)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Case.objects.count() == 1
    assert CaseSubmission.objects.get().token == uuid.UUID(token)
    reference, _code = receipt_codes(client, ombudsperson_page)
    assert reference == Case.objects.get().reference


def test_two_requests_at_once_with_one_token_file_one_case(client, ombudsperson_page):
    """The second request finds no case at first and then hits the unique token: it shows the receipt of
    the case the first one filed and leaves the session alone."""
    token = str(uuid.uuid4())
    send(client, ombudsperson_page, submission_token=token)
    session_before = dict(client.session)
    with mock.patch("ombudsperson.views.public._already_filed", side_effect=[None, Case.objects.get()]):
        response = send(client, ombudsperson_page, submission_token=token)
    assert response.status_code == 302
    assert Case.objects.count() == 1
    assert dict(client.session) == session_before


def test_different_forms_file_different_cases(client, ombudsperson_page):
    send(client, ombudsperson_page, submission_token=str(uuid.uuid4()))
    send(client, ombudsperson_page, submission_token=str(uuid.uuid4()))
    send(client, ombudsperson_page, submission_token="not-a-uuid")
    assert Case.objects.count() == 3


def test_a_failure_while_filing_leaves_nothing_half_written(client, ombudsperson_page):
    upload = SimpleUploadedFile("umowa.pdf", PDF_BYTES, content_type="application/pdf")
    with (
        mock.patch.object(CaseAttachment.objects, "create", side_effect=IntegrityError("disk full")),
        pytest.raises(IntegrityError),
    ):
        client.post(page_url(ombudsperson_page), {**form_data(), "attachment": upload})
    assert not Case.objects.exists()
    assert not CaseAuditEntry.objects.exists()
    assert not ReceivedCaseCount.objects.exists()


# --- attachments -------------------------------------------------------------------------------------


def send_file(client, page, name, content, content_type="application/octet-stream"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(page_url(page), {**form_data(), "attachment": upload})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("umowa.pdf", PDF_BYTES, "application/pdf"),
        ("zdjecie.JPG", jpeg_bytes(), "image/jpeg"),
        ("zdjecie.jpeg", jpeg_bytes(), "image/jpeg"),
        ("ogloszenie.png", png_bytes(), "image/png"),
        ("C:\\Users\\olena\\skan.pdf", PDF_BYTES, "application/pdf"),
    ],
)
def test_pdf_jpeg_and_png_are_kept_encrypted_in_the_database(
    client, ombudsperson_page, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    response = send_file(client, ombudsperson_page, name, content, content_type="text/plain")

    assert response.status_code == 302
    attachment = CaseAttachment.objects.get()
    assert attachment.content == content
    assert attachment.content_type == content_type  # from the content, not from the browser
    assert attachment.size == len(content)
    assert attachment.filename == name.replace("\\", "/").rsplit("/", 1)[-1]
    assert list(tmp_path.iterdir()) == []  # nothing written to media storage: no public URL can exist


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("strona.html", b"<html><script>alert(1)</script></html>"),
        ("umowa.pdf", b"<html>not a pdf</html>"),  # the extension lies
        ("zdjecie.png", jpeg_bytes()),  # a real picture, but not the type its name says
        ("zdjecie.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 20),  # the magic bytes only
        ("zdjecie.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20),
        ("umowa", PDF_BYTES),  # no extension
        ("umowa.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
    ],
)
def test_other_types_are_refused_by_their_content(client, ombudsperson_page, name, content):
    response = send_file(client, ombudsperson_page, name, content, content_type="application/pdf")

    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [str(FILE_TYPE_INVALID)]
    assert not Case.objects.exists()
    assert response.context["file_not_kept"] == FILE_NOT_KEPT


def test_a_file_over_5_mb_is_refused(client, ombudsperson_page):
    content = PDF_BYTES + b"0" * (ATTACHMENT_MAX_BYTES - len(PDF_BYTES) + 1)
    response = send_file(client, ombudsperson_page, "big.pdf", content)
    with translation.override("pl"):
        expected = str(FILE_TOO_LARGE) % {
            "size": filesizeformat(len(content)),
            "limit": filesizeformat(ATTACHMENT_MAX_BYTES),
        }
    assert response.context["form"].errors["attachment"] == [expected]
    assert not Case.objects.exists()


def test_a_file_of_exactly_5_mb_is_accepted(client, ombudsperson_page):
    content = PDF_BYTES + b"0" * (ATTACHMENT_MAX_BYTES - len(PDF_BYTES))
    assert send_file(client, ombudsperson_page, "big.pdf", content).status_code == 302
    assert CaseAttachment.objects.get().size == ATTACHMENT_MAX_BYTES


def test_an_empty_file_is_refused(client, ombudsperson_page):
    response = send_file(client, ombudsperson_page, "empty.pdf", b"")
    assert response.context["form"].errors["attachment"] == [str(FILE_EMPTY)]


def test_the_receipt_links_to_nothing_that_serves_the_file(client, ombudsperson_page):
    send_file(client, ombudsperson_page, "umowa.pdf", PDF_BYTES)
    html = client.get(page_url(ombudsperson_page, "received")).content.decode()
    assert "umowa" not in html and "/media/" not in html
