"""A proposal's image is public only while the proposal is: hiding or withdrawing it takes the original and
every rendition off their public media addresses (404), the author and city staff still see it through the
checked view, and restoring or publishing puts it back. Media are served here as in development (Django's
static serve of MEDIA_ROOT), so a file left at its address would answer 200."""

import io
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import re_path
from django.views.static import serve
from PIL import Image as PILImage
from wagtail.images import get_image_model

from citysite import urls as site_urls
from proposals import images, services
from proposals.comment_places import proposal_path
from proposals.factories import ProposalFactory
from proposals.images import checked_url
from proposals.models import Proposal, Status


def _serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", _serve_media), *site_urls.urlpatterns]

pytestmark = pytest.mark.urls(__name__)

ROLES_WHO_SEE_A_PRIVATE_IMAGE = ["author", "moderator", "editor", "superuser"]
ROLES_WHO_DO_NOT = ["visitor", "resident", "council_member"]


@pytest.fixture(autouse=True)
def media_folders(settings, tmp_path):
    """Public and private media in folders of this test only."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }


def png_upload(name="mapa.png", size=(1200, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 79, 138)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def pictured(proposal, author):
    """The published proposal with an image, whose page has been shown once (so its rendition exists)."""
    image = get_image_model().objects.create(
        title="Mapa", description="Mapa Czubów", file=png_upload(), uploaded_by_user=author
    )
    Proposal.objects.filter(pk=proposal.pk).update(image=image)
    proposal.refresh_from_db()
    image.get_rendition("width-800")
    return proposal


def media_addresses(image) -> list[str]:
    """The public addresses of the original and of every rendition."""
    return [image.file.url] + [rendition.url for rendition in image.renditions.all()]


def hide(proposal, moderator):
    return services.hide_proposal(moderator, proposal, "Dane osobowe na zdjęciu")


def withdraw(proposal, author):
    return services.withdraw_proposal(author, proposal)


@pytest.fixture
def make_private(request, moderator, author):
    def act(how, proposal):
        if how == "hidden":
            return hide(proposal, moderator)
        return withdraw(proposal, author)

    return act


# The public addresses


def test_a_public_proposals_image_is_at_its_media_addresses(client, pictured):
    addresses = media_addresses(pictured.image)
    assert len(addresses) == 2 and all(address.startswith("/media/") for address in addresses)
    for address in addresses:
        assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("how", ["hidden", "withdrawn"])
def test_hiding_or_withdrawing_takes_the_original_and_every_rendition_off_their_addresses(
    client, pictured, make_private, how
):
    image = pictured.image
    addresses = media_addresses(image)
    rendition_files = [rendition.file.name for rendition in image.renditions.all()]

    make_private(how, pictured)

    for address in addresses:
        assert client.get(address).status_code == 404, address
    assert not default_storage.exists(image.file.name)
    assert not any(default_storage.exists(name) for name in rendition_files)
    assert storages["private"].exists(image.file.name)
    assert not image.renditions.exists()


@pytest.mark.parametrize("how", ["hidden", "withdrawn"])
@pytest.mark.parametrize("role", ROLES_WHO_SEE_A_PRIVATE_IMAGE)
def test_the_author_and_city_staff_still_see_a_private_image_through_the_checked_view(
    client, as_role, role, pictured, proposal_index, make_private, how
):
    make_private(how, pictured)
    as_role(role)
    response = client.get(checked_url(proposal_index, pictured))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    shown = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert shown.size == (800, 600)


@pytest.mark.parametrize("how", ["hidden", "withdrawn"])
@pytest.mark.parametrize("role", ROLES_WHO_DO_NOT)
def test_nobody_else_gets_a_private_image(client, as_role, role, pictured, proposal_index, make_private, how):
    make_private(how, pictured)
    as_role(role)
    assert client.get(checked_url(proposal_index, pictured)).status_code == 404


def test_a_public_image_through_the_checked_view_is_the_same_for_all_and_cacheable(
    client, pictured, proposal_index
):
    response = client.get(checked_url(proposal_index, pictured))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=3600"} <= cache_control
    assert "Cookie" not in response.get("Vary", "")
    assert b"".join(response.streaming_content) == pictured.image.get_rendition("width-800").file.read()


def test_the_checked_view_makes_only_the_sizes_the_pages_show(client, pictured, proposal_index, moderator):
    client.force_login(moderator)
    assert client.get(checked_url(proposal_index, pictured, "width-4000")).status_code == 404
    assert client.get(checked_url(proposal_index, pictured, "fill-10x10")).status_code == 404


def test_the_checked_view_answers_only_under_the_proposals_own_index(
    client, pictured, pre_moderated_index, moderator
):
    client.force_login(moderator)
    assert client.get(checked_url(pre_moderated_index, pictured)).status_code == 404


def test_a_proposal_without_an_image_has_none_to_serve(client, proposal, proposal_index, moderator):
    client.force_login(moderator)
    assert client.get(checked_url(proposal_index, proposal)).status_code == 404


# Back to public


def test_restoring_a_hidden_proposal_puts_its_image_back(
    client, pictured, proposal_index, moderator, django_capture_on_commit_callbacks
):
    original = pictured.image.file.url
    hide(pictured, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_proposal(moderator, pictured)

    assert client.get(original).status_code == 200
    assert not storages["private"].exists(pictured.image.file.name)
    html = client.get(proposal_path(proposal_index, pictured.pk)).content.decode()
    rendition = re.search(r'<img [^>]*src="([^"]+)"', html).group(1)
    assert rendition.startswith("/media/images/") and ".width-800" in rendition
    assert client.get(rendition).status_code == 200
    response = client.get(checked_url(proposal_index, pictured))
    assert response.status_code == 200 and "public" in response["Cache-Control"]


def test_a_restore_that_rolls_back_leaves_the_image_private(client, pictured, moderator):
    original = pictured.image.file.url
    hide(pictured, moderator)
    # Without the commit (the test's transaction never commits), the image must not come back.
    services.restore_proposal(moderator, pictured)
    assert client.get(original).status_code == 404


def test_a_pre_moderated_proposals_image_is_private_until_a_moderator_publishes_it(
    client, pre_moderated_index, author, moderator, django_capture_on_commit_callbacks
):
    image = get_image_model().objects.create(title="Plakat", file=png_upload("plakat.png"))
    proposal, _created = services.create_proposal(
        author,
        pre_moderated_index,
        title="Plakaty w czterech językach",
        text="Treść",
        area="public_institutions",
        dimensions=[],
        language="pl",
        image=image,
    )
    assert proposal.status == Status.SUBMITTED
    assert client.get(image.file.url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            moderator, proposal, pre_moderated_index, to_status=Status.PUBLISHED, answer="", answering_body=""
        )
    assert client.get(image.file.url).status_code == 200


# The proposal page


@pytest.mark.parametrize(
    ("role", "sees_it"),
    [("visitor", False), ("resident", False), ("author", True), ("moderator", True), ("editor", True)],
)
def test_a_withdrawn_proposals_page_shows_its_image_only_to_the_author_and_staff(
    client, as_role, role, sees_it, pictured, proposal_index, author
):
    withdraw(pictured, author)
    as_role(role)
    html = client.get(proposal_path(proposal_index, pictured.pk)).content.decode()
    assert "/media/" not in html
    image = re.search(r'<img [^>]*src="([^"]+)"[^>]*>', html)
    if sees_it:
        assert image.group(1) == checked_url(proposal_index, pictured)
        assert 'alt="Mapa Czubów"' in image.group(0) and 'width="800"' in image.group(0)
    else:
        assert image is None


def test_moderators_see_a_hidden_proposals_image_beside_its_text(client, pictured, proposal_index, moderator):
    hide(pictured, moderator)
    client.force_login(moderator)
    html = client.get(proposal_path(proposal_index, pictured.pk)).content.decode()
    assert f'src="{checked_url(proposal_index, pictured)}"' in html


# The admin's image library


def test_editors_still_use_the_image_chooser_with_a_private_image_in_the_library(
    client, pictured, moderator, editor
):
    other = get_image_model().objects.create(title="Plakat wydarzenia", file=png_upload("plakat.png"))
    hide(pictured, moderator)
    client.force_login(editor)
    response = client.get("/admin/images/chooser/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plakat wydarzenia" in html and other.get_rendition("max-165x165").url in html
    assert client.get("/admin/images/").status_code == 200


def test_an_unchanged_proposal_keeps_its_image_where_it_is(
    pictured, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_proposal(
            author,
            pictured,
            title=pictured.title,
            text="Nowa treść",
            area=pictured.area,
            dimensions=[],
            language="pl",
        )
    assert default_storage.exists(pictured.image.file.name)
    assert pictured.image.renditions.exists()


# Proposals hidden before images followed their status


def test_the_command_puts_existing_images_where_their_proposals_status_says(
    client, pictured, proposal_index, author, django_capture_on_commit_callbacks
):
    hidden_earlier = pictured
    Proposal.objects.filter(pk=hidden_earlier.pk).update(status=Status.HIDDEN)
    published = ProposalFactory(index=proposal_index, author=author)
    image = get_image_model().objects.create(title="Plakat", file=png_upload("plakat.png"))
    Proposal.objects.filter(pk=published.pk).update(image=image)
    images.make_private(image)  # private although its proposal is public
    addresses = media_addresses(hidden_earlier.image)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("place_proposal_images", verbosity=0)

    for address in addresses:
        assert client.get(address).status_code == 404, address
    assert storages["private"].exists(hidden_earlier.image.file.name)
    assert client.get(image.file.url).status_code == 200
    assert not storages["private"].exists(image.file.name)
