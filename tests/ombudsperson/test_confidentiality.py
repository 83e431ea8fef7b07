"""Cases are encrypted at rest, keys rotate, codes reveal nothing, closed cases expire, and nobody but
the Ombudsperson group may handle them — superusers included."""

import datetime
import io
import json

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from citysite.access import may
from citysite.accounts.factories import UserFactory
from ombudsperson import crypto
from ombudsperson.models import (
    AuditAction,
    Case,
    CaseAttachment,
    CaseAuditEntry,
    CaseEntry,
    CaseStatus,
    Category,
    EntryKind,
)
from ombudsperson.services import file_case

DESCRIPTION = "Właściciel mieszkania odmówił mi wynajmu, bo jestem z Ukrainy."
CONTACT = "oksana@example.org"
NOTE = "Sprawdzić ogłoszenie na portalu."
REPLY = "Dziękujemy. Skontaktowaliśmy się z właścicielem."
ATTACHMENT = b"%PDF-1.4 umowa najmu"

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_everything(ombudsperson):
    case, code = file_case(
        category=Category.HOUSING,
        description=DESCRIPTION,
        preferred_language="uk",
        contact=CONTACT,
        contact_consent=True,
    )
    case.referred_to = "Rzecznik Praw Obywatelskich"
    case.save()
    CaseEntry.objects.create(case=case, kind=EntryKind.NOTE, text=NOTE, author=ombudsperson)
    CaseEntry.objects.create(case=case, kind=EntryKind.REPLY, text=REPLY, author=ombudsperson)
    CaseAttachment.objects.create(
        case=case,
        filename="umowa.pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT),
        content=ATTACHMENT,
    )
    return case, code


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
        return [[bytes(value) if isinstance(value, memoryview) else value for value in row] for row in cursor]


def test_the_database_row_holds_none_of_the_text(case_with_everything):
    stored = repr(
        raw_rows("ombudsperson_case")
        + raw_rows("ombudsperson_caseentry")
        + raw_rows("ombudsperson_caseattachment")
    )
    for secret in (DESCRIPTION, CONTACT, NOTE, REPLY, "Rzecznik Praw", "umowa", "PDF-1.4", "Ukrainy"):
        assert secret not in stored
    case = Case.objects.get()
    assert case.description == DESCRIPTION and case.contact == CONTACT
    assert CaseAttachment.objects.get().content == ATTACHMENT


def test_dumpdata_holds_none_of_the_text(case_with_everything):
    output = io.StringIO()
    call_command("dumpdata", "ombudsperson", stdout=output)
    dumped = output.getvalue()
    assert json.loads(dumped), "nothing was dumped"
    for secret in (DESCRIPTION, CONTACT, NOTE, REPLY, "Rzecznik Praw", "umowa.pdf"):
        assert secret not in dumped


def test_key_rotation_re_encrypts_everything_with_the_new_key(case_with_everything, settings):
    old_key = settings.OMBUDSPERSON_ENCRYPTION_KEYS[0]
    before = raw_rows("ombudsperson_case")
    new_key = Fernet.generate_key().decode()
    settings.OMBUDSPERSON_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_case_keys", stdout=io.StringIO())
    assert raw_rows("ombudsperson_case") != before

    settings.OMBUDSPERSON_ENCRYPTION_KEYS = [new_key]  # the old key is gone: everything still reads
    case = Case.objects.get()
    assert case.description == DESCRIPTION
    assert case.contact == CONTACT
    assert sorted(CaseEntry.objects.values_list("text", flat=True)) == sorted([NOTE, REPLY])
    assert CaseAttachment.objects.get().content == ATTACHMENT
    assert CaseAuditEntry.objects.filter(action=AuditAction.KEYS_ROTATED, reference=case.reference).exists()


def test_without_the_key_nothing_can_be_read(case_with_everything, settings):
    settings.OMBUDSPERSON_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.InvalidToken):
        Case.objects.get()


def test_reference_and_code_find_the_case_and_nothing_else_does(case_with_everything):
    case, code = case_with_everything
    assert Case.find(case.reference, code) == case
    assert Case.find(case.reference.lower(), code.lower().replace("-", " ")) == case
    assert Case.find(case.reference, "AAAA-AAAA-AAAA-AAAA") is None
    assert Case.find("RM-XXXX-XXXX", code) is None
    assert code not in case.secret_hash


def test_the_code_is_stored_only_as_a_hash(case_with_everything):
    case, code = case_with_everything
    assert code not in repr(raw_rows("ombudsperson_case"))
    assert case.secret_hash.startswith(("pbkdf2", "md5", "argon2", "bcrypt", "scrypt"))


def test_contact_is_kept_only_with_consent():
    case, _code = file_case(
        category=Category.WORK,
        description="x",
        preferred_language="ru",
        contact=CONTACT,
        contact_consent=False,
    )
    assert case.contact == "" and not case.contact_consent


def _closed_case(days_ago):
    case, _code = file_case(category=Category.OTHER, description="stara sprawa", preferred_language="pl")
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return case


def test_retention_deletes_closed_cases_older_than_the_period_and_nothing_else(settings):
    settings.OMBUDSPERSON_RETENTION_DAYS = 365
    expired = _closed_case(366)
    recently_closed = _closed_case(364)
    old_but_open, _code = file_case(category=Category.HEALTH, description="otwarta", preferred_language="pl")
    Case.objects.filter(pk=old_but_open.pk).update(created_at=timezone.now() - datetime.timedelta(days=900))
    CaseEntry.objects.create(case=expired, kind=EntryKind.NOTE, text="notatka")

    call_command("purge_closed_cases", stdout=io.StringIO())

    assert set(Case.objects.values_list("pk", flat=True)) == {recently_closed.pk, old_but_open.pk}
    assert not CaseEntry.objects.exists()
    assert CaseAuditEntry.objects.filter(reference=expired.reference, action=AuditAction.DELETED).exists()


def test_retention_period_is_configurable(settings):
    settings.OMBUDSPERSON_RETENTION_DAYS = 30
    _closed_case(31)
    kept = _closed_case(29)
    call_command("purge_closed_cases", stdout=io.StringIO())
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]


def test_only_the_ombudsperson_group_may_handle_cases(
    ombudsperson, superuser, moderator, editor, analyst, council_member, secretariat, resident
):
    assert may(ombudsperson, "ombudsperson.handle_cases")
    for person in (superuser, moderator, editor, analyst, council_member, secretariat, resident):
        assert not may(person, "ombudsperson.handle_cases"), person
    superuser_in_the_group = UserFactory(groups=["Ombudsperson"], is_superuser=True, is_staff=True)
    assert not may(superuser_in_the_group, "ombudsperson.handle_cases")
    ombudsperson.is_active = False
    assert not may(ombudsperson, "ombudsperson.handle_cases")


def test_no_django_permission_exists_for_cases():
    from django.contrib.auth.models import Permission

    assert not Permission.objects.filter(content_type__app_label="ombudsperson").exists()
