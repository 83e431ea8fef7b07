"""Case handling by the ombudsperson: the inbox and its filters, a case with notes, replies, status and
referral, attachments, the audit log — every read and change logged — and query budgets."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ombudsperson.models import (
    AuditAction,
    Case,
    CaseAttachment,
    CaseAuditEntry,
    CaseEntry,
    CaseStatus,
    EntryKind,
    audit,
)
from ombudsperson.services import Upload, add_note, file_case, send_reply
from ombudsperson.views.handling import INBOX_PAGE_SIZE

from ..i18n import polish
from .helpers import DESCRIPTION, PDF_BYTES

pytestmark = pytest.mark.django_db

REPLY = "Skontaktowaliśmy się z pracodawcą; proszę zajrzeć tu za tydzień."
NOTE = "Pracodawca: firma budowlana z Czechowa."


def url(name, **kwargs):
    return reverse(f"ombudsperson_handling:{name}", kwargs=kwargs or None)


def audit_actions(reference):
    return list(
        CaseAuditEntry.objects.filter(reference=reference).order_by("pk").values_list("action", flat=True)
    )


@pytest.fixture
def handler(client, ombudsperson):
    client.force_login(ombudsperson)
    return client


def make_cases(count, **kwargs):
    return [
        file_case(
            category=kwargs.get("category", "work"),
            description=f"{DESCRIPTION} ({number})",
            preferred_language="pl",
            received_at=kwargs.get("received_at"),
        )[0]
        for number in range(count)
    ]


# --- the inbox ---------------------------------------------------------------------------------------


def test_the_inbox_lists_cases_newest_first_and_logs_each_case_shown(handler, ombudsperson):
    older, newer = make_cases(2)
    Case.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))

    response = handler.get(url("inbox"))

    assert response.status_code == 200
    assert [case.pk for case in response.context["cases"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert newer.reference in html and url("case", reference=newer.reference) in html
    listed = CaseAuditEntry.objects.filter(action=AuditAction.LISTED)
    assert sorted(listed.values_list("reference", flat=True)) == sorted([older.reference, newer.reference])
    assert {entry.user for entry in listed} == {ombudsperson}


def test_the_inbox_filters_by_status_category_and_month(handler, ombudsperson):
    work = make_cases(1, category="work")[0]
    housing = make_cases(1, category="housing")[0]
    old = make_cases(1, category="work", received_at=timezone.now() - datetime.timedelta(days=70))[0]
    Case.objects.filter(pk=housing.pk).update(status=CaseStatus.IN_PROGRESS)

    def shown(**query):
        return {case.pk for case in handler.get(url("inbox"), query).context["cases"]}

    assert shown(status="in_progress") == {housing.pk}
    assert shown(category="work") == {work.pk, old.pk}
    assert shown(category="work", status="received") == {work.pk, old.pk}
    old_month = timezone.localtime(old.created_at).strftime("%Y-%m")
    assert shown(month=old_month) == {old.pk}
    assert shown(month=old_month, category="housing") == set()
    # Unknown values are errors of the filter form, never a crash.
    response = handler.get(url("inbox"), {"status": "lost", "month": "1999-01"})
    assert response.status_code == 200 and response.context["filters"].errors
    # Only the cases shown were logged as listed.
    assert CaseAuditEntry.objects.filter(action=AuditAction.LISTED, reference=housing.reference).count() == 1


def test_the_inbox_is_paginated(handler):
    make_cases(INBOX_PAGE_SIZE + 3)
    first = handler.get(url("inbox"))
    second = handler.get(url("inbox"), {"page": 2})
    assert len(first.context["cases"]) == INBOX_PAGE_SIZE
    assert len(second.context["cases"]) == 3
    assert CaseAuditEntry.objects.filter(action=AuditAction.LISTED).count() == INBOX_PAGE_SIZE + 3


def test_the_inbox_shows_counts_of_replies_notes_and_files(handler, ombudsperson):
    case = make_cases(1)[0]
    add_note(ombudsperson, case, NOTE)
    add_note(ombudsperson, case, NOTE)
    send_reply(ombudsperson, case, REPLY)
    CaseAttachment.objects.create(
        case=case, filename="a.pdf", content_type="application/pdf", size=3, content=b"abc"
    )
    listed = handler.get(url("inbox")).context["cases"][0]
    assert (listed.reply_count, listed.note_count, listed.attachment_count) == (1, 2, 1)


# Queries of the page chrome (session, user, site, menus, language links) are included: the pages of case
# handling add one COUNT, one SELECT and one INSERT (audit) to them, whatever the number of cases, and the
# access rule one query for the handler's two-factor authentication.
INBOX_BUDGET = 16
CASE_BUDGET = 16
AUDIT_LOG_BUDGET = 14


def count_queries(client, path, assert_max_queries=None, budget=None):
    """Queries of a request, after one request that fills Wagtail's site cache (the page chrome)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        if assert_max_queries is None:
            response = client.get(path)
        else:
            with assert_max_queries(budget):
                response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_inbox_needs_the_same_queries_for_10_and_200_cases(handler, django_assert_max_num_queries):
    make_cases(10)
    small = count_queries(handler, url("inbox"), django_assert_max_num_queries, INBOX_BUDGET)
    make_cases(190)
    large = count_queries(handler, url("inbox"), django_assert_max_num_queries, INBOX_BUDGET)
    assert small == large


def test_a_case_needs_the_same_queries_for_5_and_100_entries(
    handler, ombudsperson, django_assert_max_num_queries
):
    case = make_cases(1)[0]
    CaseAttachment.objects.create(
        case=case, filename="a.pdf", content_type="application/pdf", size=3, content=b"abc"
    )
    for number in range(5):
        (add_note if number % 2 else send_reply)(ombudsperson, case, f"{REPLY} {number}")
    path = url("case", reference=case.reference)
    small = count_queries(handler, path, django_assert_max_num_queries, CASE_BUDGET)
    for number in range(95):
        (add_note if number % 2 else send_reply)(ombudsperson, case, f"{REPLY} {number}")
    large = count_queries(handler, path, django_assert_max_num_queries, CASE_BUDGET)
    assert small == large


# --- a case ------------------------------------------------------------------------------------------


def test_a_case_shows_everything_and_logs_the_reading(handler, ombudsperson):
    case, _code = file_case(
        category="housing",
        description=DESCRIPTION,
        preferred_language="uk",
        contact="oksana@example.org",
        contact_consent=True,
        attachment=Upload("umowa.pdf", "application/pdf", PDF_BYTES),
    )
    add_note(ombudsperson, case, NOTE)
    send_reply(ombudsperson, case, REPLY)

    response = handler.get(url("case", reference=case.reference))

    assert response.status_code == 200
    html = response.content.decode()
    for shown in (DESCRIPTION, "oksana@example.org", NOTE, REPLY, "umowa.pdf"):
        assert shown in html
    attachment = CaseAttachment.objects.get()
    assert url("attachment", reference=case.reference, pk=attachment.pk) in html
    assert html.count("<h1") == 1
    assert audit_actions(case.reference)[-1] == AuditAction.VIEWED
    assert CaseAuditEntry.objects.filter(action=AuditAction.VIEWED).get().user == ombudsperson


def test_an_unknown_reference_is_not_found_for_the_ombudsperson(handler):
    assert handler.get(url("case", reference="RM-ZZZZ-ZZZZ")).status_code == 404
    assert not CaseAuditEntry.objects.exists()


def test_an_attachment_downloads_with_its_name_and_type_and_is_logged(handler):
    case, _code = file_case(
        category="work",
        description=DESCRIPTION,
        preferred_language="pl",
        attachment=Upload("umowa o pracę.pdf", "application/pdf", PDF_BYTES),
    )
    attachment = CaseAttachment.objects.get()

    response = handler.get(url("attachment", reference=case.reference, pk=attachment.pk))

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "umowa" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditAction.ATTACHMENT_DOWNLOADED in audit_actions(case.reference)


def test_an_attachment_of_another_case_is_not_found(handler):
    first = file_case(
        category="work",
        description="a",
        preferred_language="pl",
        attachment=Upload("a.pdf", "application/pdf", PDF_BYTES),
    )[0]
    second = make_cases(1)[0]
    attachment = CaseAttachment.objects.get(case=first)
    assert handler.get(url("attachment", reference=second.reference, pk=attachment.pk)).status_code == 404
    assert AuditAction.ATTACHMENT_DOWNLOADED not in audit_actions(second.reference)


def test_changing_the_status_closes_and_reopens_and_is_logged(handler):
    case = make_cases(1)[0]

    response = handler.post(url("change_status", reference=case.reference), {"status-status": "closed"})

    assert response.status_code == 302 and response["Location"] == url("case", reference=case.reference)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None
    entry = CaseAuditEntry.objects.get(action=AuditAction.STATUS_CHANGED)
    assert entry.detail == "received → closed"

    handler.post(url("change_status", reference=case.reference), {"status-status": "in_progress"})
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS and case.closed_at is None


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("received", "The case already has this status."),
        ("referred", "Record the institution with the referral form below; that sets this status."),
        ("lost", "Please choose a status."),
        ("", "Please choose a status."),
    ],
)
def test_a_wrong_status_change_gets_its_message(handler, status, message):
    case = make_cases(1)[0]
    response = handler.post(url("change_status", reference=case.reference), {"status-status": status})
    assert response.status_code == 400
    assert response.context["status_form"].errors["status"] == [polish(message)]
    assert Case.objects.get().status == CaseStatus.RECEIVED
    assert AuditAction.STATUS_CHANGED not in audit_actions(case.reference)


def test_a_note_is_saved_logged_and_never_shown_to_the_person(handler, ombudsperson):
    case = make_cases(1)[0]
    response = handler.post(url("add_note", reference=case.reference), {"note-text": NOTE})
    assert response.status_code == 302
    entry = CaseEntry.objects.get()
    assert (entry.kind, entry.text, entry.author) == (EntryKind.NOTE, NOTE, ombudsperson)
    assert AuditAction.NOTE_ADDED in audit_actions(case.reference)
    assert mail.outbox == []


def test_an_empty_note_or_reply_gets_a_message_and_keeps_the_page(handler):
    case = make_cases(1)[0]
    response = handler.post(url("add_note", reference=case.reference), {"note-text": "  "})
    assert response.status_code == 400
    assert response.context["note_form"].errors["text"] == [polish("Please write the note before saving it.")]
    response = handler.post(url("send_reply", reference=case.reference), {"reply-text": ""})
    assert response.context["reply_form"].errors["text"] == [
        polish("Please write the reply before sending it.")
    ]
    response = handler.post(url("send_reply", reference=case.reference), {"reply-text": "x" * 8001})
    assert response.context["reply_form"].errors["text"] == [
        polish("Please keep it to %(limit_value)d characters (it has %(show_value)d).")
        % {"limit_value": 8000, "show_value": 8001}
    ]
    assert not CaseEntry.objects.exists()


def test_a_reply_is_e_mailed_in_the_persons_language_without_any_case_text(handler, translated_pages):
    case, code = file_case(
        category="housing",
        description=DESCRIPTION,
        preferred_language="uk",
        contact="oksana@example.org",
        contact_consent=True,
    )

    response = handler.post(url("send_reply", reference=case.reference), {"reply-text": REPLY})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["oksana@example.org"]
    text = message.subject + message.body
    for secret in (REPLY, DESCRIPTION, case.reference, code, "housing", "Mieszkanie"):
        assert secret not in text
    status_page = translated_pages["uk"]
    assert status_page.get_full_url() + status_page.reverse_subpage("status") in message.body
    with translation.override("uk"):
        assert translation.gettext("A reply is waiting for you on Otwarte Miasto") == message.subject
    entry = CaseEntry.objects.get()
    assert entry.kind == EntryKind.REPLY and entry.emailed_at is not None
    assert CaseAuditEntry.objects.get(action=AuditAction.REPLY_SENT).detail.endswith("e-mailed")


@pytest.mark.parametrize(
    ("contact", "consent"),
    [("", False), ("+48 600 100 200", True)],
)
def test_no_e_mail_without_an_e_mail_address_given_with_consent(handler, ombudsperson_page, contact, consent):
    case = file_case(
        category="work", description="x", preferred_language="pl", contact=contact, contact_consent=consent
    )[0]
    handler.post(url("send_reply", reference=case.reference), {"reply-text": REPLY})
    assert mail.outbox == []
    assert CaseEntry.objects.get().emailed_at is None
    assert AuditAction.REPLY_SENT in audit_actions(case.reference)


def test_a_referral_sets_the_institution_and_the_status(handler):
    case = make_cases(1)[0]
    response = handler.post(
        url("record_referral", reference=case.reference),
        {"referral-institution": "Państwowa Inspekcja Pracy"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.referred_to == "Państwowa Inspekcja Pracy" and case.status == CaseStatus.REFERRED
    assert AuditAction.REFERRED in audit_actions(case.reference)

    response = handler.post(url("record_referral", reference=case.reference), {"referral-institution": ""})
    assert response.status_code == 400
    assert response.context["referral_form"].errors["institution"] == [polish("Please name the institution.")]


def test_every_read_and_change_is_in_the_audit_log(handler, ombudsperson):
    case = make_cases(1)[0]
    handler.get(url("inbox"))
    handler.get(url("case", reference=case.reference))
    handler.post(url("add_note", reference=case.reference), {"note-text": NOTE})
    handler.post(url("send_reply", reference=case.reference), {"reply-text": REPLY})
    handler.post(url("record_referral", reference=case.reference), {"referral-institution": "PIP"})
    handler.post(url("change_status", reference=case.reference), {"status-status": "closed"})

    # Each change opens the case (VIEWED) and records itself.
    assert audit_actions(case.reference) == [
        AuditAction.FILED,
        AuditAction.LISTED,
        AuditAction.VIEWED,
        AuditAction.VIEWED,
        AuditAction.NOTE_ADDED,
        AuditAction.VIEWED,
        AuditAction.REPLY_SENT,
        AuditAction.VIEWED,
        AuditAction.REFERRED,
        AuditAction.VIEWED,
        AuditAction.STATUS_CHANGED,
    ]
    assert set(CaseAuditEntry.objects.exclude(action=AuditAction.FILED).values_list("user", flat=True)) == {
        ombudsperson.pk
    }


def test_the_audit_log_lists_and_filters_entries(handler, ombudsperson):
    first, second = make_cases(2)
    audit(first.reference, AuditAction.VIEWED, user=ombudsperson)

    response = handler.get(url("audit_log"))
    assert response.status_code == 200
    assert len(response.context["entries"]) == 3

    response = handler.get(url("audit_log"), {"reference": first.reference.lower()})
    assert {entry.reference for entry in response.context["entries"]} == {first.reference}
    response = handler.get(url("audit_log"), {"action": "viewed"})
    assert [entry.action for entry in response.context["entries"]] == [AuditAction.VIEWED]
    assert second.reference not in response.content.decode()


def test_the_audit_log_needs_the_same_queries_for_few_and_many_entries(
    handler, ombudsperson, django_assert_max_num_queries
):
    case = make_cases(1)[0]
    small = count_queries(handler, url("audit_log"), django_assert_max_num_queries, AUDIT_LOG_BUDGET)
    for _number in range(80):
        audit(case.reference, AuditAction.VIEWED, user=ombudsperson)
    large = count_queries(handler, url("audit_log"), django_assert_max_num_queries, AUDIT_LOG_BUDGET)
    assert small == large


def test_the_ombudsperson_without_two_factor_is_sent_to_set_it_up(handler, ombudsperson, settings):
    settings.STAFF_MFA_REQUIRED = True
    Authenticator.objects.filter(user=ombudsperson).delete()
    case = make_cases(1)[0]
    for path in (url("inbox"), url("case", reference=case.reference)):
        response = handler.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("account_mfa_required")
    assert audit_actions(case.reference) == [AuditAction.FILED]
