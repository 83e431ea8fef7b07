"""A proposal's text: plain text becomes paragraphs; a small subset of HTML is kept; everything else that
could run script or mislead is removed before the text is stored."""

import pytest

from proposals.text import clean_text, plain_text


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert clean_text("Pierwszy akapit.\n\nDrugi akapit,\ndruga linia.") == (
        "<p>Pierwszy akapit.</p>\n\n<p>Drugi akapit,<br>druga linia.</p>"
    )


def test_plain_text_is_escaped_not_interpreted():
    assert (
        clean_text('Klasy 1 < 3 & 4 > 2 "razem"') == "<p>Klasy 1 &lt; 3 &amp; 4 &gt; 2 &quot;razem&quot;</p>"
    )


def test_windows_line_endings_and_surrounding_space():
    assert clean_text("  \r\nJeden.\r\n\r\nDwa.\r\n  ") == "<p>Jeden.</p>\n\n<p>Dwa.</p>"


def test_a_script_alone_is_shown_as_text_never_run():
    cleaned = clean_text("<script>alert('x')</script>")

    assert "<script" not in cleaned
    assert cleaned == "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"


def test_a_script_among_allowed_tags_is_removed_with_its_content():
    cleaned = clean_text("<p>Dobry pomysł</p><script>alert('x')</script><style>p{}</style>")

    assert cleaned == "<p>Dobry pomysł</p>"


def test_event_handler_attributes_are_removed():
    cleaned = clean_text('<p onclick="steal()">Tekst <strong onmouseover="x()">ważny</strong></p>')

    assert cleaned == "<p>Tekst <strong>ważny</strong></p>"


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"],
)
def test_links_that_could_run_script_lose_their_address(href):
    cleaned = clean_text(f'<p><a href="{href}">kliknij</a></p>')

    assert "href" not in cleaned
    assert "script" not in cleaned.lower().replace("kliknij", "")
    assert "kliknij" in cleaned


def test_allowed_tags_are_kept_and_links_get_a_safe_rel():
    raw = (
        "<p>Propozycja <strong>ważna</strong>, <b>pilna</b>, <em>nowa</em>, <i>tania</i>.</p>"
        "<ul><li>jeden</li></ul><ol><li>dwa</li></ol><blockquote>cytat</blockquote>"
        '<p><a href="https://lublin.eu/">strona</a> <a href="mailto:rada@lublin.eu">e-mail</a><br>koniec</p>'
    )

    cleaned = clean_text(raw)

    for fragment in [
        "<strong>ważna</strong>",
        "<b>pilna</b>",
        "<em>nowa</em>",
        "<i>tania</i>",
        "<ul><li>jeden</li></ul>",
        "<ol><li>dwa</li></ol>",
        "<blockquote>cytat</blockquote>",
        "<br>",
    ]:
        assert fragment in cleaned
    assert '<a href="https://lublin.eu/" rel="nofollow noopener noreferrer ugc">strona</a>' in cleaned
    assert '<a href="mailto:rada@lublin.eu" rel="nofollow noopener noreferrer ugc">e-mail</a>' in cleaned


def test_other_tags_and_attributes_are_dropped_but_their_words_kept():
    cleaned = clean_text(
        '<p style="color:red" class="x"><img src="x" onerror="alert(1)">'
        '<span>słowa</span> <iframe src="https://evil.example"></iframe><u>podkreślone</u></p>'
    )

    assert cleaned == "<p>słowa podkreślone</p>"


def test_plain_paragraphs_with_some_formatting_keep_their_paragraphs():
    cleaned = clean_text("Pierwszy akapit z <strong>ważnym</strong> słowem.\n\nDrugi akapit,\ndruga linia.")

    assert cleaned == (
        "<p>Pierwszy akapit z <strong>ważnym</strong> słowem.</p>\n\n<p>Drugi akapit,<br>druga linia.</p>"
    )


def test_formatting_across_a_blank_line_stays_well_formed():
    cleaned = clean_text("<strong>Jeden\n\ndwa</strong>")

    assert cleaned.count("<strong>") == cleaned.count("</strong>")
    assert cleaned.count("<p>") == cleaned.count("</p>") == 2
    assert plain_text(cleaned) == "Jeden dwa"


def test_html_with_its_own_paragraphs_is_not_wrapped_again():
    assert clean_text("<p>Jeden</p>\n\n<p>Dwa</p>") == "<p>Jeden</p>\n\n<p>Dwa</p>"


def test_cleaning_is_stable():
    once = clean_text('Akapit <em>z</em> tekstem\n\n<a href="https://x.example">link</a>')

    assert clean_text(once) == once


def test_plain_text_of_cleaned_html():
    assert plain_text("<p>Jeden &amp; <strong>dwa</strong></p>\n\n<p>trzy<br>cztery</p>") == (
        "Jeden & dwa trzy cztery"
    )
