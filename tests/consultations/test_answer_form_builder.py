"""The answer form's fields, as AnswerFieldsBuilder makes them: a field per question type, each part's
fields in order, and the parts that depend on the page and the person."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser

from citysite.accounts.factories import UserFactory
from consultations.forms import AnswerFieldsBuilder, AnswerForm

from .helpers import EDUCATION, LEISURE, LONG, MULTIPLE, SCALE, SHORT, SINGLE, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page, ask_self_description=True, publish_comments=True)


def test_each_question_type_gets_its_field(consultation):
    form = AnswerForm(page=consultation, user=AnonymousUser())

    short, long = form.fields[f"question_{SHORT}"], form.fields[f"question_{LONG}"]
    assert type(short) is forms.CharField and type(short.widget) is forms.TextInput
    assert type(long) is forms.CharField and type(long.widget) is forms.Textarea
    assert str(long.max_length) in long.help_text  # the limit is said with the field

    single = form.fields[f"question_{SINGLE}"]
    assert type(single) is forms.TypedChoiceField and type(single.widget) is forms.RadioSelect
    assert single.required and single.choices == [(0, "Szkoły"), (1, "Praca")]

    multiple = form.fields[f"question_{MULTIPLE}"]
    assert type(multiple) is forms.TypedMultipleChoiceField
    assert type(multiple.widget) is forms.CheckboxSelectMultiple and not multiple.required
    assert multiple.choices == [(0, "Szkoła"), (1, "Internet"), (2, "Znajomi")]

    scale = form.fields[f"question_{SCALE}"]
    assert type(scale) is forms.TypedChoiceField and scale.required
    assert scale.choices == [(1, "1 – źle"), (2, "2"), (3, "3"), (4, "4"), (5, "5 – dobrze")]


def test_choices_are_answered_by_position(consultation):
    form = AnswerForm(page=consultation, user=AnonymousUser())
    assert form.fields[f"question_{SINGLE}"].clean("1") == 1
    assert form.fields[f"question_{MULTIPLE}"].clean(["0", "2"]) == [0, 2]
    with pytest.raises(forms.ValidationError):
        form.fields[f"question_{SCALE}"].clean("6")


def test_an_unknown_question_type_is_refused(consultation):
    builder = AnswerFieldsBuilder(consultation, AnonymousUser())
    block = SimpleNamespace(block_type="ranking", value={"label": "?", "help_text": "", "required": False})
    with pytest.raises(ValueError, match="unknown question type ranking"):
        builder.question_field(block)


def test_parts_come_in_order_for_a_visitor(consultation):
    form = AnswerForm(page=consultation, user=AnonymousUser(), show_code=True)
    names = list(form.fields)
    assert names[names.index("submission_token") :] == [
        "submission_token",
        f"comment_{EDUCATION}",
        f"comment_{LEISURE}",
        *(f"question_{id}" for id in (SHORT, LONG, SINGLE, MULTIPLE, SCALE)),
        "connection",
        "district",
        "age_band",
        "migration",
        "self_description_consent",
        "consent_to_publish",
        "consent",
        "email",
        "participation_code",
    ]
    assert [part.key for part in form.parts()] == ["draft", "questions", "about_you", "sending"]


def test_staff_entering_an_answer_get_the_offline_part_and_no_code(consultation):
    form = AnswerForm(page=consultation, user=UserFactory(), offline_entry=True)
    assert [part.key for part in form.parts()][0] == "offline"
    assert [item.field.name for item in form.parts()[0].items] == ["entry_channel", "email"]
    assert "participation_code" not in form.fields


def test_without_self_description_and_public_comments_those_fields_are_left_out(home_page):
    page = make_consultation(home_page, ask_self_description=False, publish_comments=False)
    form = AnswerForm(page=page, user=UserFactory())
    assert not {"connection", "self_description_consent", "consent_to_publish", "email"} & set(form.fields)
    assert [part.key for part in form.parts()] == ["draft", "questions", "sending"]
