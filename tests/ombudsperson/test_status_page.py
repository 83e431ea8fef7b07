"""The status page: with reference and code, and no account, a person reads the status and the replies —
never the notes. A wrong pair says the same whether the reference exists or not, and wrong pairs are
rate-limited per address and per reference."""

import re
import time
from unittest import mock

import pytest

from ombudsperson.forms import CASE_NOT_FOUND, TOO_MANY_ATTEMPTS
from ombudsperson.models import AuditAction, Case, CaseAuditEntry, CaseEntry, EntryKind
from ombudsperson.services import add_note, change_status, record_referral, send_reply
from ombudsperson.views.public import STATUS_SESSION_KEY

from ..i18n import polish
from .helpers import DESCRIPTION

pytestmark = pytest.mark.django_db

NOTE = "Notatka wewnętrzna: sprawdzić pracodawcę w KRS."
REPLY = "Dzień dobry, napisaliśmy do Państwowej Inspekcji Pracy."


def status_url(page):
    return page.url + page.reverse_subpage("status")


def look_up(client, page, reference, code, **extra):
    return client.post(status_url(page), {"reference": reference, "code": code}, **extra)


def test_the_form_asks_for_reference_and_code(client, ombudsperson_page):
    response = client.get(status_url(ombudsperson_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="reference"' in html and 'name="code"' in html
    assert '<label for="id_reference">' in html and '<label for="id_code">' in html
    assert html.count("<h1") == 1


def test_the_right_pair_shows_status_replies_and_referral_but_never_notes(
    client, ombudsperson_page, filed_case, ombudsperson
):
    case, code = filed_case
    add_note(ombudsperson, case, NOTE)
    send_reply(ombudsperson, case, REPLY)
    record_referral(ombudsperson, case, "Państwowa Inspekcja Pracy")

    response = look_up(client, ombudsperson_page, case.reference, code)

    # Post, then redirect: the code is in no URL, and a reload does not send it again.
    assert response.status_code == 302
    assert response["Location"] == status_url(ombudsperson_page)
    assert code not in response["Location"]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert case.reference in html
    assert REPLY in html
    assert "Państwowa Inspekcja Pracy" in html
    assert str(case.get_status_display()) in html and str(case.get_category_display()) in html
    assert NOTE not in html
    assert DESCRIPTION not in html  # the person knows what they wrote; the page does not repeat it
    assert "oksana@example.org" not in html
    assert code not in html
    assert page.context["replies"] == [CaseEntry.objects.get(kind=EntryKind.REPLY)]
    assert (
        CaseAuditEntry.objects.filter(reference=case.reference, action=AuditAction.VIEWED_BY_PERSON).count()
        == 1
    )


def test_the_code_may_be_typed_loosely(client, ombudsperson_page, filed_case):
    case, code = filed_case
    response = look_up(
        client, ombudsperson_page, f"  {case.reference.lower()} ", code.lower().replace("-", " ")
    )
    assert response.status_code == 302


def test_a_reload_shows_the_case_again_for_a_while_and_is_logged_each_time(
    client, ombudsperson_page, filed_case
):
    case, code = filed_case
    look_up(client, ombudsperson_page, case.reference, code)
    for _reload in range(3):
        assert client.get(status_url(ombudsperson_page)).context["case"] == case
    assert CaseAuditEntry.objects.filter(action=AuditAction.VIEWED_BY_PERSON).count() == 3

    later = time.time() + 16 * 60
    with mock.patch("ombudsperson.views.public.time.time", return_value=later):
        response = client.get(status_url(ombudsperson_page))
    assert response.context["case"] is None
    assert STATUS_SESSION_KEY not in client.session


def test_a_new_session_key_is_issued_when_a_case_is_opened(client, ombudsperson_page, filed_case):
    case, code = filed_case
    client.get(status_url(ombudsperson_page))
    client.session.save()
    before = client.session.session_key
    look_up(client, ombudsperson_page, case.reference, code)
    assert client.session.session_key != before


def test_closing_the_case_on_a_shared_computer(client, ombudsperson_page, filed_case):
    case, code = filed_case
    look_up(client, ombudsperson_page, case.reference, code)
    leave_url = ombudsperson_page.url + ombudsperson_page.reverse_subpage("leave_status")

    assert client.get(leave_url).status_code == 405
    response = client.post(leave_url)

    assert response.status_code == 302
    assert client.get(status_url(ombudsperson_page)).context["case"] is None


def test_a_case_deleted_meanwhile_is_no_longer_shown(client, ombudsperson_page, filed_case):
    case, code = filed_case
    look_up(client, ombudsperson_page, case.reference, code)
    Case.objects.filter(pk=case.pk).delete()
    response = client.get(status_url(ombudsperson_page))
    assert response.status_code == 200 and response.context["case"] is None


def test_empty_fields_get_their_messages(client, ombudsperson_page):
    response = look_up(client, ombudsperson_page, "", "")
    assert response.context["form"].errors == {
        "reference": [polish("Please enter your case reference.")],
        "code": [polish("Please enter your secret code.")],
    }


def normalised_html(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def normalised(response, *references):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    for reference in references:
        html = html.replace(reference, "REFERENCE")
    return html


def test_a_wrong_code_and_an_unknown_reference_get_the_same_answer(client, ombudsperson_page, filed_case):
    case, code = filed_case
    unknown = "RM-ZZZZ-ZZZZ"

    wrong_code = look_up(client, ombudsperson_page, case.reference, "AAAA-AAAA-AAAA-AAAA")
    unknown_reference = look_up(client, ombudsperson_page, unknown, code)

    assert wrong_code.status_code == unknown_reference.status_code == 200
    assert normalised(wrong_code, case.reference) == normalised(unknown_reference, unknown)
    html = wrong_code.content.decode()
    assert str(CASE_NOT_FOUND) in html.replace("&#x27;", "'")
    assert "AAAA-AAAA" not in html  # a code is never typed back into the page
    assert code not in unknown_reference.content.decode()
    assert not CaseAuditEntry.objects.filter(action=AuditAction.VIEWED_BY_PERSON).exists()


def test_wrong_codes_are_rate_limited_per_address(client, ombudsperson_page, filed_case, settings):
    settings.OMBUDSPERSON_STATUS_ATTEMPTS_RATE = "10/h"
    case, code = filed_case
    for number in range(10):
        assert look_up(client, ombudsperson_page, f"RM-AAAA-{number:04d}", "WRONG").status_code == 200

    # Even the right pair waits now: otherwise the limit would tell when a guess was right.
    response = look_up(client, ombudsperson_page, case.reference, code)

    assert response.status_code == 429
    assert str(TOO_MANY_ATTEMPTS) in response.content.decode()
    assert response.context["case"] is None
    # Another address with the same reference is not held back.
    assert look_up(client, ombudsperson_page, case.reference, code, REMOTE_ADDR="10.1.1.1").status_code == 302


def test_wrong_codes_are_rate_limited_per_reference(client, ombudsperson_page, filed_case, settings):
    settings.OMBUDSPERSON_STATUS_ATTEMPTS_RATE = "10/h"
    case, code = filed_case
    for number in range(10):
        look_up(client, ombudsperson_page, case.reference, "WRONG", REMOTE_ADDR=f"10.0.0.{number}")

    response = look_up(client, ombudsperson_page, case.reference.lower(), code, REMOTE_ADDR="10.9.9.9")

    assert response.status_code == 429
    # The limit on an unknown reference looks the same: it tells nothing about whether it exists.
    for number in range(10):
        look_up(client, ombudsperson_page, "RM-ZZZZ-ZZZZ", "WRONG", REMOTE_ADDR=f"10.0.1.{number}")
    unknown = look_up(client, ombudsperson_page, "RM-ZZZZ-ZZZZ", code, REMOTE_ADDR="10.9.9.8")
    assert unknown.status_code == 429
    assert normalised(unknown, "RM-ZZZZ-ZZZZ") == normalised(response, case.reference.upper())


def test_right_pairs_do_not_use_up_the_allowance(client, ombudsperson_page, filed_case, settings):
    settings.OMBUDSPERSON_STATUS_ATTEMPTS_RATE = "2/h"
    case, code = filed_case
    for _number in range(5):
        assert look_up(client, ombudsperson_page, case.reference, code).status_code == 302


def test_status_changes_show_on_the_status_page(client, ombudsperson_page, filed_case, ombudsperson):
    case, code = filed_case
    change_status(ombudsperson, case, "closed")
    look_up(client, ombudsperson_page, case.reference, code)
    response = client.get(status_url(ombudsperson_page))
    assert response.context["case"].status == "closed"
    assert response.context["case"].closed_at is not None


def test_a_logged_in_superuser_needs_the_code_like_anyone(client, ombudsperson_page, filed_case, superuser):
    case, _code = filed_case
    client.force_login(superuser)
    response = look_up(client, ombudsperson_page, case.reference, "WRONG")
    assert response.status_code == 200 and response.context["case"] is None
    assert client.get(status_url(ombudsperson_page)).context["case"] is None


def test_an_internal_note_does_not_change_what_the_person_sees(
    client, ombudsperson_page, filed_case, ombudsperson
):
    case, code = filed_case
    look_up(client, ombudsperson_page, case.reference, code)
    Case.objects.filter(pk=case.pk).update(updated_at=case.updated_at.replace(year=2020))
    before = client.get(status_url(ombudsperson_page)).content.decode()

    add_note(ombudsperson, Case.objects.get(pk=case.pk), NOTE)

    after = client.get(status_url(ombudsperson_page)).content.decode()
    assert normalised_html(after) == normalised_html(before)
    assert "2020" in after
