"""Writing and changing a proposal: the form, each invalid input with its message, images checked by
their real type and size and stored in Wagtail's image library, spam protection, the double submit, and
similar proposals suggested by the endpoint, by "Check for similar proposals" and once before saving."""

import io
import re
import time

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

from citysite.forms import WEB_IMAGE_MAX_BYTES as IMAGE_MAX_BYTES
from citysite.participation import spam
from proposals.comment_places import proposal_path
from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from proposals.forms import IMAGE_COLLECTION_NAME, ProposalForm
from proposals.models import Proposal, ProposalArea, ProposalFollow, Status, StatusChange
from tests.i18n import polish

from .helpers import (
    PURPOSE,
    TITLE,
    action_url,
    create_url,
    detail_url,
    form_data,
    page_text,
    png_bytes,
    similar_url,
    status_label,
)


def errors_of(response) -> str:
    """The error summary and the field errors, as text."""
    html = page_text(response)
    return " ".join(re.findall(r'class="(?:errorlist|error-summary)"[^>]*>(.*?)</(?:ul|div)>', html, re.S))


def image_file(name="zdjecie.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, png_bytes() if content is None else content, content_type=content_type)


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return resident


# Creating


def test_form_shows_every_field_with_labels_and_groups(client, signed_in, proposal_index):
    response = client.get(create_url(proposal_index))
    assert response.status_code == 200
    html = page_text(response)
    assert html.count("<h1") == 1
    for name in ("title", "text", "district", "image", "image_description"):
        assert f'<label for="id_{name}">' in html
    for name in ("area", "dimensions", "language"):
        assert f'<fieldset id="id_{name}"' in html
    assert html.count("<legend>") == 3
    assert 'enctype="multipart/form-data"' in html
    assert 'name="check"' in html and polish("Check for similar proposals") in html
    assert 'aria-live="polite"' in html
    assert "/static/js/similar-proposals.js" in html and "<script>" not in html
    assert 'class="hp-field" aria-hidden="true"' in html
    # Tags in the help text are shown as text, not as markup.
    assert "&lt;strong&gt;" in html


def test_valid_proposal_is_published_and_followed_by_its_author(client, signed_in, proposal_index):
    response = client.post(create_url(proposal_index), form_data(district=" Czuby "))
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal_index, proposal)
    assert proposal.author == signed_in
    assert proposal.status == Status.PUBLISHED
    assert proposal.index_key == proposal_index.translation_key
    assert proposal.district == "Czuby"
    assert proposal.text.startswith("<p>Jedno miejsce")
    assert {dimension.code for dimension in proposal.dimensions.all()} == {"legal", "societal"}
    assert ProposalFollow.objects.filter(proposal=proposal, user=signed_in).exists()
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [polish("Thank you. Your proposal is published.")]


def test_pre_moderated_proposal_waits_and_says_so(client, signed_in, pre_moderated_index):
    response = client.post(create_url(pre_moderated_index), form_data())
    proposal = Proposal.objects.get()
    assert proposal.status == Status.SUBMITTED
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        polish(
            "Thank you. Your proposal is saved; it will appear for everyone after a moderator has checked it."
        )
    ]
    # Its author sees it; nobody else does yet.
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    assert client.get(response["Location"]).status_code == 404


def test_unsafe_html_is_cleaned_and_a_few_tags_are_kept(client, signed_in, proposal_index):
    text = '<p>Tak <strong>ważne</strong> <a href="javascript:alert(1)">x</a></p><script>alert(1)</script>'
    client.post(create_url(proposal_index), form_data(text=text))
    stored = Proposal.objects.get().text
    assert "<strong>ważne</strong>" in stored
    assert "<script" not in stored and "javascript:" not in stored


def test_language_defaults_to_the_language_of_the_page(db):
    with translation.override("uk"):
        assert ProposalForm().initial["language"] == "uk"
    with translation.override("pl"):
        assert ProposalForm().initial["language"] == "pl"


def test_language_radio_is_checked_for_the_current_language(client, signed_in, proposal_index):
    html = page_text(client.get(create_url(proposal_index)))
    assert re.search(r'name="language" value="pl"[^>]*checked', html)


def test_double_submit_creates_one_proposal(client, signed_in, proposal_index):
    data = form_data()
    first = client.post(create_url(proposal_index), data)
    second = client.post(create_url(proposal_index), data)
    assert Proposal.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_double_submit_with_an_image_keeps_one_image(client, signed_in, proposal_index):
    client.post(create_url(proposal_index), {**form_data(), "image": image_file()})
    client.post(create_url(proposal_index), {**form_data(), "image": image_file()})
    assert Proposal.objects.count() == 1
    assert get_image_model().objects.count() == 1


def test_closed_call_refuses_new_proposals(client, signed_in, home_page):
    index = ProposalIndexPageFactory(parent=home_page, slug="zamkniete", accepting_proposals=False)
    for response in (client.get(create_url(index)), client.post(create_url(index), form_data())):
        assert response.status_code == 403
        assert polish("This call for proposals is closed.") in page_text(response)
    assert not Proposal.objects.exists()


# Each invalid input, with its message


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Please give your proposal a title."),
        ({"title": "x" * 161}, "Please keep it to %(limit_value)d characters (it has %(show_value)d)."),
        ({"text": ""}, "Please describe your proposal."),
        ({"text": "<p> </p><ul></ul>"}, "Please describe your proposal in words."),
        ({"text": "a" * 10_001}, "Please keep it to %(limit_value)d characters (it has %(show_value)d)."),
        ({"area": None}, "Please choose the area your proposal belongs to."),
        ({"area": "weather"}, "Please choose one of the areas listed."),
        ({"dimensions": None}, "Please choose at least one integration dimension."),
        ({"dimensions": ["999"]}, "Please choose from the dimensions listed."),
        ({"district": "d" * 101}, "Please keep it to %(limit_value)d characters (it has %(show_value)d)."),
        (
            {"image_description": "o" * 256},
            "Please keep it to %(limit_value)d characters (it has %(show_value)d).",
        ),
        ({"language": None}, "Please tell us the language you write in."),
        ({"language": "de"}, "Please choose one of the languages listed."),
    ],
)
def test_invalid_input_is_refused_with_its_message(client, signed_in, proposal_index, overrides, message):
    response = client.post(create_url(proposal_index), form_data(**overrides))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    expected = polish(message)
    if "%(limit_value)d" in message:
        expected = expected.split("%")[0]
    assert expected in errors_of(response)
    html = page_text(response)
    assert 'class="error-summary" role="alert"' in html
    assert polish("Error:") in html.split("</title>")[0]
    # The summary links to the field with the problem.
    field = next(name for name in overrides)
    anchor = f"id_{field}_0" if field in {"area", "dimensions", "language"} else f"id_{field}"
    assert f'href="#{anchor}"' in html
    assert f'id="{anchor}"' in html


def test_what_was_typed_is_kept_when_the_form_comes_back(client, signed_in, proposal_index):
    response = client.post(create_url(proposal_index), form_data(area=None, district="Bronowice"))
    html = page_text(response)
    assert f'value="{TITLE}"' in html
    assert 'value="Bronowice"' in html
    assert re.search(r'name="dimensions" value="\d+"[^>]*checked', html)


def test_field_errors_are_linked_for_screen_readers(client, signed_in, proposal_index):
    html = page_text(client.post(create_url(proposal_index), form_data(title="")))
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'id="id_title_error"' in html and 'id="id_title_helptext"' in html
    html = page_text(client.post(create_url(proposal_index), form_data(dimensions=None)))
    assert (
        '<fieldset id="id_dimensions" aria-describedby="id_dimensions_helptext id_dimensions_error">' in html
    )


# Images


def test_png_is_stored_in_wagtails_library_and_shown_as_a_rendition(client, signed_in, proposal_index):
    data = {**form_data(image_description="Plakat spotkania"), "image": image_file()}
    response = client.post(create_url(proposal_index), data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    image = proposal.image
    assert image.collection.name == IMAGE_COLLECTION_NAME
    assert image.uploaded_by_user == signed_in
    assert image.description == "Plakat spotkania"
    assert (image.width, image.height) == (40, 30)
    assert image.file_size and image.file_hash
    rendition = image.get_rendition("width-800")
    assert rendition.url
    html = page_text(client.get(detail_url(proposal_index, proposal)))
    assert f'src="{rendition.url}"' in html and 'alt="Plakat spotkania"' in html


def test_jpeg_and_webp_are_accepted(client, signed_in, proposal_index):
    for number, (name, kind) in enumerate([("a.jpg", "JPEG"), ("b.webp", "WEBP")]):
        buffer = io.BytesIO()
        PILImage.new("RGB", (20, 20), (200, 10, 10)).save(buffer, format=kind)
        data = {**form_data(title=f"{TITLE} {number}"), "image": image_file(name, buffer.getvalue())}
        assert client.post(create_url(proposal_index), data).status_code == 302
    assert get_image_model().objects.count() == 2


def _gif() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


def _in_polish(message, **values) -> str:
    with translation.override("pl"):
        formatted = {key: value() if callable(value) else value for key, value in values.items()}
        return polish(message) % formatted if formatted else polish(message)


OVERSIZED = png_bytes() + b"\0" * IMAGE_MAX_BYTES


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "notatka.png",
            b"To nie jest obraz, tylko tekst.",
            lambda: _in_polish(
                "This file is not an image we can use. Please choose a JPEG, PNG or WebP image."
            ),
        ),
        ("obraz.gif", _gif(), lambda: _in_polish("Please choose a JPEG, PNG or WebP image.")),
        (
            "obraz.jpg",
            png_bytes(),
            lambda: _in_polish(
                "This file is named .%(extension)s but is a %(image_format)s file. Please choose a "
                "JPEG, PNG or WebP image.",
                extension="jpeg",
                image_format="png",
            ),
        ),
        (
            "duzy.png",
            OVERSIZED,
            lambda: _in_polish(
                "This image is too large (%(file_size)s). The limit is %(max_filesize)s.",
                file_size=lambda: filesizeformat(len(OVERSIZED)),
                max_filesize=lambda: filesizeformat(IMAGE_MAX_BYTES),
            ),
        ),
    ],
    ids=["text-named-png", "gif", "png-named-jpg", "over-5-mb"],
)
def test_unusable_files_are_refused(client, signed_in, proposal_index, name, content, expected):
    response = client.post(create_url(proposal_index), {**form_data(), "image": image_file(name, content)})
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    assert not get_image_model().objects.exists()
    assert expected() in errors_of(response)
    # The person is told to choose the file again: browsers do not keep it.
    assert polish(
        "Browsers do not keep a chosen file when a form comes back: please choose your image again."
    ) in page_text(response)


def test_image_field_accepts_only_the_three_types(client, signed_in, proposal_index):
    html = page_text(client.get(create_url(proposal_index)))
    assert 'accept="image/jpeg,image/png,image/webp"' in html


# Spam protection


def test_filled_honeypot_is_refused(client, signed_in, proposal_index):
    response = client.post(create_url(proposal_index), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    with translation.override("pl"):
        assert str(spam.HONEYPOT_MESSAGE) in page_text(response)


@pytest.mark.parametrize("token", ["now", "", "forged"])
def test_too_fast_or_missing_start_time_is_refused(client, signed_in, proposal_index, token):
    value = spam.started_token(PURPOSE) if token == "now" else token
    response = client.post(create_url(proposal_index), form_data(form_started=value))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    with translation.override("pl"):
        assert str(spam.TOO_FAST_MESSAGE) in page_text(response)


def test_start_time_of_another_form_is_refused(client, signed_in, proposal_index):
    other = spam.started_token("consultations.answer", time.time() - 60)
    client.post(create_url(proposal_index), form_data(form_started=other))
    assert not Proposal.objects.exists()


def test_rate_limit_stops_the_eleventh_proposal_in_an_hour(client, signed_in, proposal_index):
    for number in range(10):
        title = f"Pomysł {number}: {'abcdefghij'[number] * 8}"
        assert client.post(create_url(proposal_index), form_data(title=title)).status_code == 302
    response = client.post(create_url(proposal_index), form_data(title="Jedenasty pomysł"))
    assert response.status_code == 429
    assert Proposal.objects.count() == 10
    assert polish(
        "You have sent a lot in a short time. Please wait a few minutes and try again."
    ) in page_text(response)
    assert 'value="Jedenasty pomysł"' in page_text(response)


def test_forms_with_mistakes_do_not_count_towards_the_limit(client, signed_in, proposal_index):
    for _number in range(12):
        client.post(create_url(proposal_index), form_data(area=None))
    assert client.post(create_url(proposal_index), form_data()).status_code == 302


# Similar proposals


@pytest.fixture
def existing(proposal_index, author):
    """Published proposals of the index, and some that must never be suggested."""
    return {
        "published": ProposalFactory(
            index=proposal_index, author=author, title="Baza tłumaczy środowiskowych"
        ),
        "accepted": ProposalFactory(
            index=proposal_index,
            author=author,
            title="Tłumacze środowiskowi w urzędach",
            status=Status.ACCEPTED,
        ),
        "submitted": ProposalFactory(
            index=proposal_index, author=author, title="Baza tłumaczy środowiskowych", status=Status.SUBMITTED
        ),
        "hidden": ProposalFactory(
            index=proposal_index, author=author, title="Baza tłumaczy środowiskowych!", status=Status.HIDDEN
        ),
    }


def test_similar_endpoint_returns_the_fragment(client, proposal_index, existing):
    response = client.get(similar_url(proposal_index), {"title": "baza tłumaczy"})
    assert response.status_code == 200
    html = page_text(response)
    published = existing["published"]
    assert f'<a href="{detail_url(proposal_index, published)}"' in html
    assert "Baza tłumaczy środowiskowych" in html
    assert status_label(Status.PUBLISHED) in html
    assert 'data-title="baza tłumaczy"' in html
    for key in ("submitted", "hidden"):
        assert detail_url(proposal_index, existing[key]) not in html
    assert "<html" not in html  # a fragment, not a page


def test_similar_endpoint_counts_supports(client, proposal_index, existing):
    from proposals.factories import SupportFactory

    for _number in range(3):
        SupportFactory(proposal=existing["published"])
    html = page_text(client.get(similar_url(proposal_index), {"title": "Baza tłumaczy środowiskowych"}))
    item = html[html.index(detail_url(proposal_index, existing["published"])) :]
    assert re.search(r"·\s*3 ", item[: item.index("</li>")])


@pytest.mark.parametrize("title", ["", "   ", "ba"])
def test_similar_endpoint_is_empty_for_an_empty_or_short_title(client, proposal_index, existing, title):
    response = client.get(similar_url(proposal_index), {"title": title})
    assert response.status_code == 200
    assert response.content.strip() == b""


def test_similar_endpoint_can_leave_out_the_proposal_being_edited(client, proposal_index, existing):
    published = existing["published"]
    html = page_text(
        client.get(similar_url(proposal_index), {"title": published.title, "exclude": str(published.pk)})
    )
    assert detail_url(proposal_index, published) not in html


def test_similar_endpoint_lists_only_the_same_index(client, home_page, proposal_index, existing):
    other = ProposalIndexPageFactory(parent=home_page, slug="inne-propozycje")
    assert page_text(client.get(similar_url(other), {"title": "Baza tłumaczy"})).strip() == ""


def test_check_button_shows_suggestions_and_saves_nothing(client, signed_in, proposal_index, existing):
    data = form_data(title="Baza tłumaczy dla migrantów", similar_checked="", check="1", area=None)
    response = client.post(create_url(proposal_index), data)
    assert response.status_code == 200
    html = page_text(response)
    assert not Proposal.objects.filter(author=signed_in).exists()
    assert detail_url(proposal_index, existing["published"]) in html
    assert 'name="similar_checked" value="Baza tłumaczy dla migrantów"' in html
    assert 'class="error-summary"' not in html  # not an error: nothing was sent yet
    assert 'value="Baza tłumaczy dla migrantów"' in html  # what was typed stays
    assert re.search(r'name="dimensions" value="\d+"[^>]*checked', html)
    assert re.search(r'name="language" value="pl"[^>]*checked', html)


def test_check_button_keeps_the_start_time(client, signed_in, proposal_index, existing):
    started = spam.started_token(PURPOSE, time.time() - 30)
    data = form_data(title="Baza tłumaczy", similar_checked="", check="1", form_started=started)
    html = page_text(client.post(create_url(proposal_index), data))
    assert f'name="{spam.STARTED_FIELD}" value="{started}"' in html


def test_sending_a_title_with_similar_proposals_asks_once(client, signed_in, proposal_index, existing):
    title = "Baza tłumaczy dla migrantów"
    response = client.post(create_url(proposal_index), form_data(title=title, similar_checked=""))
    assert response.status_code == 200
    assert not Proposal.objects.filter(author=signed_in).exists()
    html = page_text(response)
    assert polish("Is your idea already here? You can support it instead — or send yours anyway.") in html
    assert detail_url(proposal_index, existing["published"]) in html
    assert f'name="similar_checked" value="{title}"' in html
    # Sent again as it is: it is saved.
    response = client.post(create_url(proposal_index), form_data(title=title, similar_checked=title))
    assert response.status_code == 302
    assert Proposal.objects.filter(author=signed_in, title=title).exists()


def test_changing_the_title_after_the_check_asks_again(client, signed_in, proposal_index, existing):
    data = form_data(title="Baza tłumaczy środowiskowa", similar_checked="Baza tłumaczy dla migrantów")
    assert client.post(create_url(proposal_index), data).status_code == 200
    assert not Proposal.objects.filter(author=signed_in).exists()


def test_title_without_similar_proposals_is_saved_at_once(client, signed_in, proposal_index, existing):
    data = form_data(title="Festyn sąsiedzki na Czechowie", similar_checked="")
    assert client.post(create_url(proposal_index), data).status_code == 302


# Editing


@pytest.fixture
def own(client, proposal, author):
    client.force_login(author)
    return proposal


def edit_url(proposal_index, proposal):
    return action_url(proposal_index, proposal, "edit")


def test_author_gets_the_form_filled_with_the_proposal(client, proposal_index, own):
    response = client.get(edit_url(proposal_index, own))
    assert response.status_code == 200
    html = page_text(response)
    assert 'value="Baza tłumaczy środowiskowych"' in html
    # Written as plain text, it comes back as plain text to correct.
    assert re.search(r"<textarea[^>]*>\s*Treść propozycji.</textarea>", html)
    assert polish("Change your proposal") in html
    assert f'data-exclude="{own.pk}"' in html


def test_formatted_text_comes_back_with_its_tags(client, proposal_index, own):
    Proposal.objects.filter(pk=own.pk).update(text="<p>Ważne: <strong>dziś</strong></p><ul><li>a</li></ul>")
    html = page_text(client.get(edit_url(proposal_index, own)))
    assert "&lt;strong&gt;dziś&lt;/strong&gt;" in html and "&lt;ul&gt;" in html


def test_author_saves_changes(client, proposal_index, own):
    data = form_data(title=own.title, text="Nowa treść.", area=ProposalArea.CITY_POLICY, language="en")
    response = client.post(edit_url(proposal_index, own), data)
    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal_index, own)
    own.refresh_from_db()
    assert own.text == "<p>Nowa treść.</p>"
    assert own.area == ProposalArea.CITY_POLICY and own.language == "en"
    assert own.edited_at is not None
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        polish("Your changes are saved.")
    ]


def test_author_replaces_the_image(client, proposal_index, own):
    data = {**form_data(title=own.title, image_description="Nowe zdjęcie"), "image": image_file()}
    assert client.post(edit_url(proposal_index, own), data).status_code == 302
    own.refresh_from_db()
    assert own.image is not None and own.image.description == "Nowe zdjęcie"
    # Changing only the description keeps the image.
    data = form_data(title=own.title, image_description="Opis poprawiony")
    assert client.post(edit_url(proposal_index, own), data).status_code == 302
    own.refresh_from_db()
    assert own.image.description == "Opis poprawiony"
    assert get_image_model().objects.count() == 1


def test_unchanged_title_is_not_checked_again(client, proposal_index, own, author):
    ProposalFactory(index=proposal_index, author=author, title="Baza tłumaczy środowiskowych w Lublinie")
    data = form_data(title=own.title, similar_checked=own.title, text="Poprawka.")
    assert client.post(edit_url(proposal_index, own), data).status_code == 302


def test_new_title_similar_to_another_proposal_asks_first(client, proposal_index, own, author):
    other = ProposalFactory(index=proposal_index, author=author, title="Tandemy językowe w bibliotekach")
    data = form_data(title="Tandemy językowe w szkołach", similar_checked=own.title)
    response = client.post(edit_url(proposal_index, own), data)
    assert response.status_code == 200
    assert detail_url(proposal_index, other) in page_text(response)
    assert detail_url(proposal_index, own) not in page_text(response).split('id="similar-proposals"')[1]
    own.refresh_from_db()
    assert own.title == "Baza tłumaczy środowiskowych"


def test_edit_after_the_city_answered_is_refused_with_the_reason(client, proposal_index, own):
    StatusChange.objects.create(proposal=own, from_status=Status.PUBLISHED, to_status=Status.ACCEPTED)
    Proposal.objects.filter(pk=own.pk).update(status=Status.ACCEPTED)
    for response in (
        client.get(edit_url(proposal_index, own)),
        client.post(edit_url(proposal_index, own), form_data(title="Zmieniony tytuł")),
    ):
        assert response.status_code == 403
        assert polish(
            "The city has already answered this proposal, so it can no longer be changed. You can add a "
            "comment instead."
        ) in page_text(response)
    own.refresh_from_db()
    assert own.title == "Baza tłumaczy środowiskowych"


def test_invalid_changes_are_refused_with_messages(client, proposal_index, own):
    response = client.post(edit_url(proposal_index, own), form_data(title="", dimensions=None))
    assert response.status_code == 400
    errors = errors_of(response)
    assert polish("Please give your proposal a title.") in errors
    assert polish("Please choose at least one integration dimension.") in errors


def test_edit_form_posts_to_the_edit_address(client, proposal_index, own):
    html = page_text(client.get(edit_url(proposal_index, own)))
    assert f'action="{edit_url(proposal_index, own)}"' in html
    assert proposal_path(proposal_index, own.pk) in html  # back to the proposal


def test_check_button_says_when_nothing_is_similar(client, signed_in, proposal_index, existing):
    data = form_data(title="Festyn sąsiedzki na Czechowie", similar_checked="", check="1")
    html = page_text(client.post(create_url(proposal_index), data))
    assert polish("No similar proposals found. You can send yours.") in html
    assert not Proposal.objects.filter(author=signed_in).exists()
