"""A proposal's image is public only while the proposal is (Proposal.image_is_public).

Public media are served without Django (the web server, the object storage, a CDN), so a view cannot
take an image back once its address is out: the file itself has to go. While a proposal is waiting for a
moderator, hidden or withdrawn, its original lives in the private storage (STORAGES["private"], never
served) and its renditions are deleted; the author and city staff see it through `serve_image`, which
checks the rule `proposals.see_proposal_image`. When the proposal is public again, the original goes back
and Wagtail makes the renditions again on first use.

The Image row itself stays, so the admin's image library and chooser keep working; while the file is
private they show Wagtail's "image not found" placeholder instead of a thumbnail."""

import logging
import mimetypes

from django.core.files import File
from django.core.files.storage import default_storage, storages
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.images.models import Filter, SourceImageIOError

from citysite.access import may

from .models import Proposal

logger = logging.getLogger(__name__)

# Only the sizes the pages show: any other spec would let anyone make the server resize images.
SHOWN_FILTERS = {"width-800"}
PUBLIC_MAX_AGE = 60 * 60


def private_storage():
    return storages["private"]


def _move(name: str, source, target) -> bool:
    """Copies the file `name` from one storage to the other under the same name, then deletes it from
    the first. Copy first, so a failure leaves the file where it was. False when there was nothing to
    move (already moved)."""
    if not source.exists(name):
        return False
    if target.exists(name):
        target.delete(name)
    with source.open(name, "rb") as content:
        saved_as = target.save(name, content)
    if saved_as != name:
        target.delete(saved_as)
        raise OSError(f"The storage saved {name!r} as {saved_as!r}.")
    source.delete(name)
    return True


def _delete_renditions(image) -> None:
    # The files go now rather than through Wagtail's background task, so no rendition address keeps
    # working until a worker gets to it.
    renditions = list(image.renditions.all())
    for rendition in renditions:
        rendition.file.storage.delete(rendition.file.name)
    image.renditions.filter(pk__in=[rendition.pk for rendition in renditions]).delete()


def make_private(image) -> None:
    _move(image.file.name, default_storage, private_storage())
    _delete_renditions(image)


def make_public(image) -> None:
    _move(image.file.name, private_storage(), default_storage)


def _publish_if_still_public(proposal_pk: int) -> None:
    # Read again after the commit: a moderator may have hidden the proposal in between.
    proposal = Proposal.objects.select_related("image").filter(pk=proposal_pk).first()
    if proposal is not None and proposal.image_id and proposal.image_is_public:
        make_public(proposal.image)


def follow_status(proposal: Proposal) -> None:
    """Puts the proposal's image where its status says. Call in the transaction that changes the status
    or the image. Making it private happens at once, so a failure stops the change; making it public
    waits for the commit, so a change that rolls back never publishes it."""
    if not proposal.image_id:
        return
    if proposal.image_is_public:
        transaction.on_commit(lambda: _publish_if_still_public(proposal.pk))
    else:
        make_private(proposal.image)


def checked_url(index_page, proposal: Proposal, filter_spec: str = "width-800") -> str:
    return index_page.url + index_page.reverse_subpage("image_view", args=(proposal.pk, filter_spec))


def shown_size(image, filter_spec: str) -> tuple[int, int]:
    """Width and height of the image as `filter_spec` renders it, for the <img> of a checked image."""
    return Filter(filter_spec).get_transform(image).size


def serve_image(request, index_page, pk: int, filter_spec: str):
    """The image of a proposal, resized by `filter_spec`: to everyone, cacheable, while the proposal is
    public; to its author and city staff only, never stored by a cache, while it is not. Everyone else
    gets 404, as for a proposal that does not exist."""
    if filter_spec not in SHOWN_FILTERS:
        raise Http404
    proposal = (
        Proposal.objects.select_related("image", "working_group")
        .filter(pk=pk, index_key=index_page.translation_key)
        .first()
    )
    if proposal is None or proposal.image is None:
        raise Http404
    image = proposal.image
    if proposal.image_is_public:
        # Decided without looking at the person, so the answer is the same for all and a shared cache
        # may keep it.
        try:
            rendition = image.get_rendition(filter_spec)
        except SourceImageIOError as error:
            raise Http404 from error
        response = _file_response(rendition.file.open("rb"), rendition.file.name)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
    if not may(request.user, "proposals.see_proposal_image", proposal):
        raise Http404
    storage = private_storage()
    if not storage.exists(image.file.name):
        logger.warning("The private original of image %s is missing.", image.pk)
        raise Http404
    with storage.open(image.file.name, "rb") as original:
        resized = image.generate_rendition_file(Filter(filter_spec), source=File(original, image.file.name))
    response = _file_response(resized, resized.name)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _file_response(file, name: str) -> FileResponse:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    file.seek(0)
    return FileResponse(file, content_type=content_type)
