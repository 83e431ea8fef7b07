"""A proposal's image is public only while the proposal is (Proposal.image_is_public).

Public media are served without Django (the web server, the object storage, a CDN), so a view cannot
take an image back once its address is out: the file itself has to go. While a proposal is waiting for a
moderator, hidden or withdrawn, its original lives in the private storage (STORAGES["private"], never
served) and its renditions are deleted; the author and city staff see it through `serve_image`
(views/image.py), which checks the rule `proposals.see_proposal_image`. When the proposal is public
again, the original goes back and Wagtail makes the renditions again on first use.

The Image row itself stays, so the admin's image library and chooser keep working; while the file is
private they show Wagtail's "image not found" placeholder instead of a thumbnail."""

from django.core.files.storage import default_storage, storages
from django.db import transaction
from wagtail.images.models import Filter

from .models import Proposal


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
