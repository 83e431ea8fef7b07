"""Confidentiality through the pages: the secret code is in no URL, log, e-mail or session row in the
clear; the audit log and the application logs hold no case text; notes never reach the person."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from ombudsperson.models import CaseAuditEntry

from .helpers import DESCRIPTION, form_data, page_url

pytestmark = pytest.mark.django_db

CONTACT = "oksana.k@example.org"
NOTE = "Notatka: pracodawca to firma X z ulicy Y."
REPLY = "Odpowiedź: zgłosiliśmy sprawę do inspekcji."
INSTITUTION = "Okręgowy Inspektorat Pracy w Lublinie"


def whole_journey(client, page, ombudsperson, caplog):
    """A person files a case, the ombudsperson handles it, the person reads the reply."""
    caplog.set_level(logging.DEBUG)
    urls = []
    response = client.post(page_url(page), form_data(contact=CONTACT, contact_consent="on"))
    urls.append(response["Location"])
    # What the session store holds while the code waits for the receipt, decoded.
    sessions = [str(session.get_decoded()) for session in Session.objects.all()]
    receipt = client.get(response["Location"]).content.decode()
    reference, code = re.findall(r'class="case-code">([^<]+)<', receipt)
    assert reference in " ".join(sessions), "the decoded session was not read"

    client.force_login(ombudsperson)

    def handle(name, data=None):
        path = reverse(f"ombudsperson_handling:{name}", kwargs={"reference": reference})
        urls.append(path)
        return client.post(path, data) if data is not None else client.get(path)

    urls.append(reverse("ombudsperson_handling:inbox"))
    client.get(urls[-1])
    handle("case")
    handle("add_note", {"note-text": NOTE})
    handle("send_reply", {"reply-text": REPLY})
    handle("record_referral", {"referral-institution": INSTITUTION})
    client.logout()

    response = client.post(page_url(page, "status"), {"reference": reference, "code": code})
    urls.append(response["Location"])
    status_page = client.get(response["Location"]).content.decode()
    return {"code": code, "reference": reference, "urls": urls, "sessions": sessions, "status": status_page}


def test_the_code_travels_nowhere_in_the_clear(client, ombudsperson_page, ombudsperson, caplog):
    journey = whole_journey(client, ombudsperson_page, ombudsperson, caplog)
    code = journey["code"]

    assert not [url for url in journey["urls"] if code in url]
    assert not [session for session in journey["sessions"] if code in session]
    assert not [message for message in mail.outbox if code in message.body or code in message.subject]
    assert code not in caplog.text
    assert not CaseAuditEntry.objects.filter(detail__contains=code[:9]).exists()


def test_no_case_text_in_the_audit_log_or_the_application_logs(
    client, ombudsperson_page, ombudsperson, caplog
):
    whole_journey(client, ombudsperson_page, ombudsperson, caplog)
    details = " ".join(CaseAuditEntry.objects.values_list("detail", flat=True))
    for secret in (DESCRIPTION, CONTACT, NOTE, REPLY, INSTITUTION):
        assert secret not in details
        assert secret not in caplog.text


def test_the_person_reads_the_reply_and_the_referral_but_never_the_note(
    client, ombudsperson_page, ombudsperson, caplog
):
    journey = whole_journey(client, ombudsperson_page, ombudsperson, caplog)
    assert REPLY in journey["status"] and INSTITUTION in journey["status"]
    assert NOTE not in journey["status"]
    (message,) = mail.outbox
    for secret in (REPLY, NOTE, DESCRIPTION, INSTITUTION, journey["reference"]):
        assert secret not in message.body
