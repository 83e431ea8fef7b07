"""The analysts' screens in the Wagtail admin: the consultations, the answers with filters and search,
one answer with its tagging form, and the charts (with the rule of at least five for self-description)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citysite.participation.models import Dimension

from .helpers import (
    EDUCATION,
    HOUSING,
    Q_CHANNELS,
    Q_DISTRICT_SERVICES,
    Q_IDEAS,
    Q_SAFETY,
    add_answer,
    admin_client,
    build_consultation,
    bulk_answers,
    section_record,
)


def answers_url(page, **params):
    url = reverse("consultations_admin:answers", args=[page.translation_key])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


@pytest.fixture
def consultation(home_page):
    return build_consultation(home_page)


@pytest.fixture
def analyst_client(client, analyst):
    return admin_client(client, analyst)


# The consultations


def test_consultations_are_listed_once_per_translation_with_their_counts(
    analyst_client, consultation, locales, translated_home
):
    english = consultation.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    add_answer(consultation, comments={EDUCATION: "Więcej asystentów"})
    add_answer(english, language="en", comments={EDUCATION: "More assistants", HOUSING: "Rents"})
    other = build_consultation(translated_home["pl"], title="Konsultacja o sporcie")

    response = analyst_client.get(reverse("consultations_admin:index"))

    assert response.status_code == 200
    rows = {page.translation_key: page for page in response.context["object_list"]}
    assert set(rows) == {consultation.translation_key, other.translation_key}
    assert rows[consultation.translation_key].locale.language_code == "pl"
    assert rows[consultation.translation_key].answer_count == 2
    assert rows[consultation.translation_key].comment_count == 3
    assert rows[other.translation_key].answer_count == 0
    assert answers_url(consultation) in response.content.decode()


# The answers: filters and search


@pytest.fixture
def three_answers(consultation):
    now = timezone.now()
    first = add_answer(
        consultation,
        language="pl",
        channel="online",
        submitted_at=now - datetime.timedelta(days=10),
        comments={EDUCATION: "Więcej asystentów międzykulturowych w szkołach"},
        tags=["schools"],
        dimensions=["cultural"],
    )
    second = add_answer(
        consultation,
        language="uk",
        channel="workshop",
        organisation="Fundacja Homo Faber",
        submitted_at=now - datetime.timedelta(days=2),
        responses={Q_IDEAS: "Потрібні курси польської мови"},
        comments={HOUSING: "Housing is too expensive"},
    )
    housing_comment = second.comments.get()
    housing_comment.tags.add("housing")
    housing_comment.dimensions.add(Dimension.objects.get(code="social_welfare"))
    third = add_answer(
        consultation,
        language="en",
        channel="paper",
        submitted_at=now,
        responses={Q_IDEAS: "Libraries open late", Q_DISTRICT_SERVICES: 1},
    )
    return first, second, third


def listed(response):
    assert response.status_code == 200
    return {answer.pk for answer in response.context["object_list"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {0, 1, 2}),
        ({"language": "uk"}, {1}),
        ({"channel": "paper"}, {2}),
        ({"tag": "schools"}, {0}),  # tagged on the answer
        ({"tag": "housing"}, {1}),  # tagged on one of its comments
        ({"dimension": "cultural"}, {0}),
        ({"dimension": "social_welfare"}, {1}),
        ({"dimension": "legal"}, set()),
        ({"organisation": "Fundacja Homo Faber"}, {1}),
        ({"q": "asystentów"}, {0}),  # a section comment
        ({"q": "expensive"}, {1}),
        ({"q": "курси"}, {1}),  # a free-text response, in Cyrillic
        ({"q": "LIBRARIES"}, {2}),  # case does not matter
        ({"q": "nothing like this"}, set()),
        ({"language": "uk", "channel": "paper"}, set()),
    ],
)
def test_each_filter_and_the_search_narrow_the_answers(analyst_client, three_answers, params, expected):
    page = three_answers[0].page
    response = analyst_client.get(answers_url(page, **params))
    assert listed(response) == {three_answers[index].pk for index in expected}


def test_the_section_filter_finds_answers_that_comment_on_it(analyst_client, consultation, three_answers):
    education = section_record(consultation, EDUCATION)
    housing = section_record(consultation, HOUSING)
    on_education = analyst_client.get(answers_url(consultation, section=education.pk))
    on_housing = analyst_client.get(answers_url(consultation, section=housing.pk))
    assert listed(on_education) == {three_answers[0].pk}
    assert listed(on_housing) == {three_answers[1].pk}


def test_the_date_range_filters_by_day_of_submission(analyst_client, consultation, three_answers):
    today = timezone.localdate()
    week_ago = today - datetime.timedelta(days=7)
    recent = analyst_client.get(answers_url(consultation, submitted_from=week_ago.isoformat()))
    assert listed(recent) == {three_answers[1].pk, three_answers[2].pk}
    older = analyst_client.get(answers_url(consultation, submitted_to=week_ago.isoformat()))
    assert listed(older) == {three_answers[0].pk}
    just_one_day = (today - datetime.timedelta(days=2)).isoformat()
    assert listed(
        analyst_client.get(answers_url(consultation, submitted_from=just_one_day, submitted_to=just_one_day))
    ) == {three_answers[1].pk}


def test_a_section_of_another_consultation_is_not_a_valid_filter(analyst_client, consultation, home_page):
    add_answer(consultation, comments={EDUCATION: "Tekst"})
    other = build_consultation(home_page, title="Inna")
    foreign = section_record(other, EDUCATION)
    response = analyst_client.get(answers_url(consultation, section=foreign.pk))
    # An invalid filter value is ignored rather than hiding every answer.
    assert response.status_code == 200
    assert "section" in response.context["filters"].errors


def test_the_answers_of_other_consultations_are_not_listed(analyst_client, consultation, home_page):
    mine = add_answer(consultation)
    add_answer(build_consultation(home_page, title="Inna"))
    assert listed(analyst_client.get(answers_url(consultation))) == {mine.pk}


def test_rows_show_the_first_words_tags_and_dimensions(analyst_client, three_answers):
    page = three_answers[0].page
    content = analyst_client.get(answers_url(page)).content.decode()
    assert "Edukacja: Więcej asystentów międzykulturowych w szkołach" in content
    assert "Потрібні курси польської мови" in content
    assert "schools" in content and "housing" in content
    assert "Cultural" in content or "cultural" in content
    assert reverse("consultations_admin:answer", args=[page.translation_key, three_answers[2].pk]) in content


def test_the_results_fragment_answers_the_filter_drawer(analyst_client, three_answers):
    page = three_answers[0].page
    url = reverse("consultations_admin:answers_results", args=[page.translation_key])
    response = analyst_client.get(url, {"language": "en"})
    assert listed(response) == {three_answers[2].pk}
    assert "<html" not in response.content.decode()


def test_answers_are_paginated_fifty_a_page(analyst_client, consultation):
    answers = bulk_answers(consultation, 60)
    first = analyst_client.get(answers_url(consultation))
    second = analyst_client.get(answers_url(consultation, p=2))
    assert len(first.context["object_list"]) == 50
    assert len(second.context["object_list"]) == 10
    assert listed(first) | listed(second) == {answer.pk for answer in answers}


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_answer_list_runs_the_same_queries_for_10_and_1000_answers(
    analyst_client, consultation, home_page
):
    bulk_answers(consultation, 10)
    larger = build_consultation(home_page, title="Duża konsultacja")
    bulk_answers(larger, 1000)
    # Warm up caches (content types, locales, the session) so both requests start alike.
    analyst_client.get(answers_url(consultation))

    small = _count_queries(analyst_client, answers_url(consultation))
    large = _count_queries(analyst_client, answers_url(larger))
    filtered_small = _count_queries(analyst_client, answers_url(consultation, tag="bulk", q="Comment"))
    filtered_large = _count_queries(analyst_client, answers_url(larger, tag="bulk", q="Comment"))

    assert small == large
    assert filtered_small == filtered_large


# One answer and its tagging


@pytest.fixture
def full_answer(consultation):
    return add_answer(
        consultation,
        language="uk",
        channel="workshop",
        organisation="Fundacja Homo Faber",
        responses={
            Q_IDEAS: "Курси польської мови ввечері",
            Q_DISTRICT_SERVICES: 1,
            Q_CHANNELS: [0, 2],
            Q_SAFETY: 4,
            "no-longer-asked": "An old answer",
        },
        self_description={"connection": ["lives", "works"], "age_band": "30_44", "district": "Czechów"},
        comments={EDUCATION: "Потрібні асистенти", HOUSING: "Житло дороге"},
    )


def detail_url(answer):
    return reverse("consultations_admin:answer", args=[answer.consultation_key, answer.pk])


def test_an_answer_shows_labels_for_questions_choices_and_self_description(analyst_client, full_answer):
    response = analyst_client.get(detail_url(full_answer))

    assert response.status_code == 200
    content = response.content.decode()
    responses = {row["label"]: row["value"] for row in response.context["responses"]}
    assert responses["What should the city do first?"] == "Курси польської мови ввечері"
    assert responses["Are services close enough?"] == "No"
    assert responses["How do you hear about the city's news?"] == "Website; Radio"
    assert responses["How safe do you feel?"] == 4
    assert responses["One word for Lublin"] == ""
    assert "An old answer" in content
    assert "Потрібні асистенти" in content and "Житло дороге" in content
    assert "Edukacja" in content and "Mieszkania" in content
    description = {row["label"]: row["value"] for row in response.context["self_description"]}
    assert description == {
        "Connection to the city": "I live in Lublin; I work in Lublin",
        "District": "Czechów",
        "Age": "30–44",
    }


def test_an_answer_of_another_consultation_is_not_found_here(analyst_client, full_answer, home_page):
    other = build_consultation(home_page, title="Inna")
    url = reverse("consultations_admin:answer", args=[other.translation_key, full_answer.pk])
    assert analyst_client.get(url).status_code == 404


def test_tagging_saves_dimensions_tags_and_quotes_on_the_answer_and_its_comments(analyst_client, full_answer):
    education, housing = full_answer.comments.order_by("pk")
    updated_at = full_answer.updated_at
    legal, cultural, economic = (
        Dimension.objects.get(code=code) for code in ["legal", "cultural", "economic"]
    )

    response = analyst_client.post(
        detail_url(full_answer),
        {
            "answer-dimensions": [legal.pk, cultural.pk],
            "answer-tags": "language courses, evenings",
            "answer-quoted_in_report": "on",
            f"comment-{education.pk}-dimensions": [cultural.pk],
            f"comment-{education.pk}-tags": "assistants",
            f"comment-{education.pk}-quoted_in_report": "on",
            f"comment-{housing.pk}-dimensions": [economic.pk],
            f"comment-{housing.pk}-tags": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == detail_url(full_answer)
    full_answer.refresh_from_db()
    education.refresh_from_db()
    housing.refresh_from_db()
    assert set(full_answer.dimensions.values_list("code", flat=True)) == {"legal", "cultural"}
    assert set(full_answer.tags.names()) == {"language courses", "evenings"}
    assert full_answer.quoted_in_report
    assert full_answer.updated_at == updated_at  # the respondent's "last changed" stays theirs
    assert list(education.dimensions.values_list("code", flat=True)) == ["cultural"]
    assert list(education.tags.names()) == ["assistants"]
    assert education.quoted_in_report
    assert list(housing.dimensions.values_list("code", flat=True)) == ["economic"]
    assert list(housing.tags.names()) == []
    assert not housing.quoted_in_report

    page = analyst_client.get(response["Location"])
    assert [str(message) for message in page.context["messages"]]


def test_tagging_again_replaces_the_earlier_labels(analyst_client, full_answer):
    full_answer.tags.add("old")
    full_answer.dimensions.add(Dimension.objects.get(code="legal"))
    full_answer.quoted_in_report = True
    full_answer.save()

    analyst_client.post(detail_url(full_answer), {"answer-tags": "new"})

    full_answer.refresh_from_db()
    assert list(full_answer.tags.names()) == ["new"]
    assert not full_answer.dimensions.exists()
    assert not full_answer.quoted_in_report


def test_an_invalid_tag_saves_nothing_and_says_why(analyst_client, full_answer):
    education = full_answer.comments.order_by("pk").first()
    response = analyst_client.post(
        detail_url(full_answer),
        {"answer-tags": "fine", "answer-quoted_in_report": "on", f"comment-{education.pk}-tags": "x" * 101},
    )

    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    full_answer.refresh_from_db()
    assert not full_answer.tags.exists()
    assert not full_answer.quoted_in_report


def test_the_tagging_form_shows_the_current_labels(analyst_client, full_answer):
    full_answer.tags.add("language courses")
    full_answer.dimensions.add(Dimension.objects.get(code="legal"))
    response = analyst_client.get(detail_url(full_answer))
    form = response.context["answer_form"]
    assert form["tags"].value() and "language courses" in str(form["tags"])
    assert form.initial["dimensions"] == [Dimension.objects.get(code="legal").pk]


# Charts


def charts_url(page):
    return reverse("consultations_admin:charts", args=[page.translation_key])


def chart_data(chart):
    return {bar.label: bar.value for bar in chart.bars}


def test_charts_count_answers_comments_and_questions(analyst_client, consultation):
    now = timezone.now()
    add_answer(
        consultation,
        language="pl",
        submitted_at=now - datetime.timedelta(days=2),
        responses={Q_DISTRICT_SERVICES: 0, Q_CHANNELS: [0, 1], Q_SAFETY: 5},
        comments={EDUCATION: "a", HOUSING: "b"},
    )
    add_answer(
        consultation,
        language="uk",
        channel="workshop",
        submitted_at=now - datetime.timedelta(days=2),
        responses={Q_DISTRICT_SERVICES: 0, Q_CHANNELS: [1], Q_SAFETY: 2},
        comments={EDUCATION: "c"},
    )
    add_answer(
        consultation, language="uk", channel="paper", submitted_at=now, responses={Q_DISTRICT_SERVICES: 1}
    )

    response = analyst_client.get(charts_url(consultation))

    assert response.status_code == 200
    per_day, per_language, per_channel, per_section = response.context["charts"]["overview"]
    assert [bar.value for bar in per_day.bars] == [2, 0, 1]
    assert chart_data(per_language) == {"Polski": 1, "English": 0, "Українська": 2, "Русский": 0}
    assert chart_data(per_channel) == {"online": 1, "workshop": 1, "paper form": 1, "telephone": 0}
    assert chart_data(per_section) == {"Edukacja": 2, "Mieszkania": 1}
    services, channels, safety = response.context["charts"]["questions"]
    assert chart_data(services) == {"Yes": 2, "No": 1}
    assert chart_data(channels) == {"Website": 1, "Friends": 2, "Radio": 0}
    assert chart_data(safety) == {"1 (unsafe)": 0, "2": 1, "3": 0, "4": 0, "5 (safe)": 1}
    assert services.note == "3 people answered this question."
    assert channels.note == "2 people answered this question. A person could choose several options."
    assert safety.note == "2 people answered this question. Average: 3.5."


def test_charts_are_svg_with_a_title_a_description_and_a_data_table(analyst_client, consultation):
    add_answer(consultation, responses={Q_DISTRICT_SERVICES: 0})
    content = analyst_client.get(charts_url(consultation)).content.decode()
    assert content.count('<svg class="analysis-chart__svg" role="img"') >= 7
    assert '<title id="chart-per-language-title">' in content
    description = "Polski: 1; English: 0; Українська: 0; Русский: 0"
    assert f'<desc id="chart-per-language-desc">{description}</desc>' in content
    assert 'aria-labelledby="chart-per-language-title chart-per-language-desc"' in content
    assert "<table" in content and '<th scope="row">Polski</th><td>1</td>' in content


def test_self_description_is_shown_only_for_groups_of_at_least_five(analyst_client, consultation):
    ages = ["30_44"] * 6 + ["18_29"] * 3 + ["65_plus"]
    migration = ["yes"] * 5 + ["no"] * 3 + ["not_said"] * 2
    districts = ["Czechów"] * 3 + ["czechów "] * 2 + ["Bronowice"] * 4 + [None]
    for age, experience, district in zip(ages, migration, districts, strict=True):
        description = {"age_band": age, "migration": experience}
        if district:
            description["district"] = district
        add_answer(consultation, self_description=description)

    response = analyst_client.get(charts_url(consultation))

    charts = {chart.title: chart for chart in response.context["charts"]["self_description"]}
    age = charts["Self-description: Age"]
    # 3 + 1 in small groups: fewer than five even together, so left out.
    assert chart_data(age) == {"30–44": 6}
    assert age.note
    # 3 + 2 in small groups: five together, shown only as one merged bar.
    experience = charts["Self-description: Experience of migration"]
    assert list(chart_data(experience).values()) == [5, 5]
    assert chart_data(experience)["Yes"] == 5
    # Free text counts regardless of case and spacing: Czechów is a group of 5.
    assert chart_data(charts["Self-description: District"]) == {"Czechów": 5}
    nobody = charts["Self-description: Connection to the city"]
    assert nobody.bars == []
    content = response.content.decode()
    assert "18–29" not in content and "65 or older" not in content and "Bronowice" not in content


def test_a_self_description_with_only_small_groups_shows_no_numbers(analyst_client, consultation):
    for age in ["18_29", "18_29", "30_44"]:
        add_answer(consultation, self_description={"age_band": age})
    response = analyst_client.get(charts_url(consultation))
    charts = {chart.title: chart for chart in response.context["charts"]["self_description"]}
    assert charts["Self-description: Age"].bars == []
    assert "18–29" not in response.content.decode()
