"""A proposal's image, resized, with the rule of images.py: public while the proposal is public,
otherwise shown only to those who may see it."""

import logging
import mimetypes

from django.core.files import File
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.images.models import Filter, SourceImageIOError

from citysite.access import may

from ..images import private_storage
from ..models import Proposal

logger = logging.getLogger(__name__)

# Only the sizes the pages show: any other spec would let anyone make the server resize images.
SHOWN_FILTERS = {"width-800"}
PUBLIC_MAX_AGE = 60 * 60


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
