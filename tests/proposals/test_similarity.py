"""Similar-proposal suggestions, shown while a title is typed, to prevent duplicates: the same results on
PostgreSQL (pg_trgm) and on SQLite (the Python fallback). Run this file with DATABASE_URL pointing at
PostgreSQL to exercise pg_trgm."""

import pytest
from django.db import connection

from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from proposals.models import Status
from proposals.similarity import (
    MIN_TITLE_LENGTH,
    SIMILARITY_THRESHOLD,
    similar_proposals,
    trigram_similarity,
    trigrams,
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compares with PostgreSQL's own pg_trgm"
)

# (first, second, similarity as pg_trgm computes it)
KNOWN_PAIRS = [
    ("word", "two words", 4 / 11),  # the example in the pg_trgm documentation: 0.36363637
    ("word", "word", 1.0),
    ("cat", "dog", 0.0),
    ("Tandemy językowe", "tandem językowy", None),
    ("Baza tłumaczy środowiskowych", "baza tłumaczy", None),
    ("Rzecznik praw migrantów", "Rada migrantów", None),
    ("asystenci_międzykulturowi", "asystenci międzykulturowi", None),
    ("Ośrodek, który pomaga!", "ośrodek który pomaga", None),
    ("ŻÓŁW", "żółw", None),
    ("a", "a b", None),
    ("3 szkoły w 2024", "szkoły 2024", None),
]


def titles(proposals):
    return [proposal.title for proposal in proposals]


# --- the measure --------------------------------------------------------------------------------------


def test_trigrams_of_a_word_are_padded_like_pg_trgm():
    # show_trgm('cat') in PostgreSQL: {"  c"," ca","at ",cat}
    assert trigrams("cat") == {"  c", " ca", "cat", "at "}
    assert trigrams("Cat, CAT!") == trigrams("cat")


def test_trigram_similarity_matches_the_pg_trgm_documentation_example():
    assert trigram_similarity("word", "two words") == pytest.approx(0.36363637)


def test_trigram_similarity_of_equal_and_unrelated_texts():
    assert trigram_similarity("Baza tłumaczy", "baza TŁUMACZY") == 1.0
    assert trigram_similarity("cat", "dog") == 0.0
    assert trigram_similarity("", "cat") == 0.0
    assert trigram_similarity("!!!", "cat") == 0.0


def test_underscores_separate_words_as_in_pg_trgm():
    # pg_trgm counts only letters and digits as parts of words
    assert trigrams("asystenci_szkolni") == trigrams("asystenci szkolni")


@on_postgresql
@pytest.mark.django_db
def test_the_python_fallback_agrees_with_postgresql():
    with connection.cursor() as cursor:
        for first, second, documented in KNOWN_PAIRS:
            cursor.execute("SELECT similarity(%s, %s)", [first, second])
            (in_postgresql,) = cursor.fetchone()
            assert trigram_similarity(first, second) == pytest.approx(in_postgresql, abs=1e-6), (
                first,
                second,
            )
            if documented is not None:
                assert in_postgresql == pytest.approx(documented, abs=1e-6)


# --- suggestions --------------------------------------------------------------------------------------


@pytest.fixture
def translators(proposal_index):
    return ProposalFactory(index=proposal_index, title="Baza tłumaczy środowiskowych")


def test_a_similar_proposal_is_suggested_and_an_unrelated_one_is_not(proposal_index, translators):
    ProposalFactory(index=proposal_index, title="Rzecznik praw cudzoziemców")

    suggestions = similar_proposals(proposal_index.translation_key, "baza tłumaczy")

    assert titles(suggestions) == ["Baza tłumaczy środowiskowych"]
    assert SIMILARITY_THRESHOLD <= suggestions[0].similarity <= 1
    assert suggestions[0].similarity == pytest.approx(
        trigram_similarity("baza tłumaczy", "Baza tłumaczy środowiskowych"), abs=1e-6
    )


def test_letter_case_and_punctuation_do_not_matter(proposal_index, translators):
    assert titles(similar_proposals(proposal_index.translation_key, "BAZA TŁUMACZY!")) == [translators.title]


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.HIDDEN], ids=["submitted, awaiting moderation", "hidden"]
)
def test_proposals_that_are_not_public_are_never_suggested(proposal_index, translators, status):
    ProposalFactory(index=proposal_index, title="Baza tłumaczy środowiskowych w szkołach", status=status)

    assert titles(similar_proposals(proposal_index.translation_key, "baza tłumaczy")) == [translators.title]


@pytest.mark.parametrize(
    "status", [Status.UNDER_EVALUATION, Status.ACCEPTED, Status.IMPLEMENTED, Status.WITHDRAWN]
)
def test_public_proposals_of_every_status_are_suggested(proposal_index, status):
    ProposalFactory(index=proposal_index, title="Baza tłumaczy środowiskowych", status=status)

    assert len(similar_proposals(proposal_index.translation_key, "baza tłumaczy")) == 1


def test_proposals_of_another_index_are_never_suggested(home_page, proposal_index, translators):
    other = ProposalIndexPageFactory(parent=home_page, slug="inne")
    ProposalFactory(index=other, title="Baza tłumaczy środowiskowych dzielnicy")

    assert titles(similar_proposals(proposal_index.translation_key, "baza tłumaczy")) == [translators.title]
    assert titles(similar_proposals(other.translation_key, "baza tłumaczy")) == [
        "Baza tłumaczy środowiskowych dzielnicy"
    ]


def test_the_proposal_being_edited_is_left_out(proposal_index, translators):
    twin = ProposalFactory(index=proposal_index, title="Baza tłumaczy")

    assert set(titles(similar_proposals(proposal_index.translation_key, "Baza tłumaczy"))) == {
        translators.title,
        twin.title,
    }
    assert titles(similar_proposals(proposal_index.translation_key, "Baza tłumaczy", exclude_pk=twin.pk)) == [
        translators.title
    ]


def test_most_similar_first_and_at_most_the_limit(proposal_index):
    for title in [
        "Baza tłumaczy środowiskowych w urzędach dzielnic",
        "Baza tłumaczy",
        "Baza tłumaczy środowiskowych",
    ]:
        ProposalFactory(index=proposal_index, title=title)

    suggestions = similar_proposals(proposal_index.translation_key, "Baza tłumaczy środowiskowych")

    assert titles(suggestions) == [
        "Baza tłumaczy środowiskowych",  # 1.0
        "Baza tłumaczy środowiskowych w urzędach dzielnic",  # 29 shared trigrams of 49
        "Baza tłumaczy",  # 14 of 29
    ]
    scores = [proposal.similarity for proposal in suggestions]
    assert scores == sorted(scores, reverse=True) and scores[0] == pytest.approx(1.0)
    assert titles(
        similar_proposals(proposal_index.translation_key, "Baza tłumaczy środowiskowych", limit=2)
    ) == [
        "Baza tłumaczy środowiskowych",
        "Baza tłumaczy środowiskowych w urzędach dzielnic",
    ]


def test_equally_similar_proposals_come_newest_first(proposal_index):
    older = ProposalFactory(index=proposal_index, title="Tandemy językowe")
    newer = ProposalFactory(index=proposal_index, title="Tandemy językowe")

    assert [p.pk for p in similar_proposals(proposal_index.translation_key, "Tandemy językowe")] == [
        newer.pk,
        older.pk,
    ]


def test_short_titles_return_nothing(proposal_index):
    ProposalFactory(index=proposal_index, title="Baz")
    short = "b" * (MIN_TITLE_LENGTH - 1)
    ProposalFactory(index=proposal_index, title=short)

    assert similar_proposals(proposal_index.translation_key, "Baz") == []
    assert similar_proposals(proposal_index.translation_key, f"  {short}  ") == []
    assert titles(similar_proposals(proposal_index.translation_key, "Baza")) == ["Baz"]


def test_nothing_is_suggested_in_an_empty_index(proposal_index):
    assert similar_proposals(proposal_index.translation_key, "Baza tłumaczy") == []
