"""Batches of participation codes in the Wagtail admin: created for a consultation and an organisation,
printed as slips or downloaded as CSV, listed with how many were used. Nobody's name is recorded."""

import csv
import datetime
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import ParticipationCode, ParticipationCodeBatch
from tests.consultations.helpers import admin_client, build_consultation

CODE_ALPHABET = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
NEW_BATCH_URL = "consultations_admin:code_batch_new"


@pytest.fixture
def consultation(home_page):
    return build_consultation(home_page)


@pytest.fixture
def editor_client(client, editor):
    return admin_client(client, editor)


def batch_form(page, **overrides):
    return {
        "consultation": str(page.translation_key),
        "organisation": "Fundacja Homo Faber",
        "count": "25",
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }


def make_batch(consultation, count=10, organisation="Caritas", prefix="TEST"):
    batch = ParticipationCodeBatch.objects.create(
        consultation_key=consultation.translation_key, organisation=organisation
    )
    ParticipationCode.objects.bulk_create(
        ParticipationCode(batch=batch, code=f"{prefix}{number:06d}") for number in range(count)
    )
    return batch


def test_a_batch_is_created_with_unique_codes_and_shown_for_printing(editor_client, editor, consultation):
    response = editor_client.post(reverse(NEW_BATCH_URL), batch_form(consultation))

    batch = ParticipationCodeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations_admin:code_batch", args=[batch.pk])
    assert batch.consultation_key == consultation.translation_key
    assert batch.organisation == "Fundacja Homo Faber"
    assert batch.created_by == editor
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 25
    assert all(len(code) == 10 and set(code) <= CODE_ALPHABET for code in codes)
    assert not batch.codes.filter(used_at__isnull=False).exists()

    printable = editor_client.get(response["Location"])
    content = printable.content.decode()
    assert printable.status_code == 200
    assert all(code[:5] in content and code[5:] in content for code in codes)
    assert consultation.get_full_url() + "answer/" in content
    assert "Fundacja Homo Faber" in content


def test_the_form_asks_for_nobody_s_name():
    from consultations.admin.forms import CodeBatchForm

    assert set(CodeBatchForm.base_fields) == {"consultation", "organisation", "count"}


def test_a_double_submit_creates_one_batch(editor_client, consultation):
    data = batch_form(consultation)
    first = editor_client.post(reverse(NEW_BATCH_URL), data)
    second = editor_client.post(reverse(NEW_BATCH_URL), data)

    assert ParticipationCodeBatch.objects.count() == 1
    assert ParticipationCode.objects.count() == 25
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"count": "0"}, "count"),
        ({"count": "501"}, "count"),
        ({"count": "many"}, "count"),
        ({"count": ""}, "count"),
        ({"organisation": ""}, "organisation"),
        ({"organisation": "x" * 201}, "organisation"),
        ({"consultation": str(uuid.uuid4())}, "consultation"),
    ],
)
def test_invalid_input_is_refused_with_a_message(editor_client, consultation, overrides, field):
    response = editor_client.post(reverse(NEW_BATCH_URL), batch_form(consultation, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="w-field__errors' in response.content.decode()
    assert not ParticipationCodeBatch.objects.exists()
    assert not ParticipationCode.objects.exists()


def test_the_most_codes_in_one_batch_is_500(editor_client, consultation):
    editor_client.post(reverse(NEW_BATCH_URL), batch_form(consultation, count="500"))
    assert ParticipationCode.objects.count() == 500


def test_a_closed_consultation_gets_no_new_codes(editor_client, consultation, home_page):
    closed = build_consultation(
        home_page,
        title="Zamknięta",
        opens_at=timezone.now() - datetime.timedelta(days=60),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    form_page = editor_client.get(reverse(NEW_BATCH_URL))
    offered = dict(form_page.context["form"].fields["consultation"].choices)
    assert consultation.translation_key in offered and closed.translation_key not in offered

    response = editor_client.post(reverse(NEW_BATCH_URL), batch_form(closed))

    assert response.context["form"].errors["consultation"]
    assert not ParticipationCodeBatch.objects.exists()


def test_batches_are_listed_with_used_and_unused_codes(editor_client, consultation, home_page):
    batch = make_batch(consultation, count=10)
    ParticipationCode.objects.filter(pk__in=list(batch.codes.values_list("pk", flat=True)[:3])).update(
        used_at=timezone.now()
    )
    sport = build_consultation(home_page, title="Sport")
    other = make_batch(sport, count=4, organisation="Klub", prefix="KLUB")

    response = editor_client.get(reverse("consultations_admin:code_batches"))

    assert response.status_code == 200
    rows = {row.pk: row for row in response.context["object_list"]}
    assert (rows[batch.pk].total, rows[batch.pk].used, rows[batch.pk].unused) == (10, 3, 7)
    assert (rows[other.pk].total, rows[other.pk].used, rows[other.pk].unused) == (4, 0, 4)
    content = response.content.decode()
    assert "Caritas" in content and "Klub" in content
    assert consultation.title in content and "Sport" in content
    assert reverse("consultations_admin:code_batch_csv", args=[batch.pk]) in content


def test_the_printable_list_leaves_out_used_codes(editor_client, consultation):
    batch = make_batch(consultation, count=3)
    used = batch.codes.order_by("code").first()
    used.used_at = timezone.now()
    used.save()

    response = editor_client.get(reverse("consultations_admin:code_batch", args=[batch.pk]))

    assert [code.code for code in response.context["codes"]] == ["TEST000001", "TEST000002"]
    assert response.context["used_count"] == 1
    assert '<html lang="' in response.content.decode()


def test_the_codes_download_as_csv(editor_client, consultation):
    batch = make_batch(consultation, count=3)
    batch.codes.filter(code="TEST000002").update(used_at=timezone.now())

    response = editor_client.get(reverse("consultations_admin:code_batch_csv", args=[batch.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(header) == 3
    assert [row[0] for row in rows] == ["TEST000000", "TEST000001", "TEST000002"]
    assert {row[1] for row in rows} == {"Caritas"}
    assert [bool(row[2]) for row in rows] == [False, False, True]


def test_an_unknown_batch_is_not_found(editor_client):
    assert editor_client.get(reverse("consultations_admin:code_batch", args=[999])).status_code == 404
    assert editor_client.get(reverse("consultations_admin:code_batch_csv", args=[999])).status_code == 404
