"""Small helpers shared by the proposal tests (and the cross-app tests that write a proposal): the
addresses of a proposal's pages and actions, a status as a page shows it, a valid proposal form, and
a small PNG."""

import io
import time

from django.utils import translation
from PIL import Image as PILImage

from citysite.participation import spam
from citysite.participation.models import Dimension
from proposals.comment_places import proposal_path
from proposals.models import ProposalArea, Status

PURPOSE = "proposals.proposal"
TITLE = "Punkt informacyjny dla cudzoziemców w ratuszu"


def status_label(status) -> str:
    """A status as a Polish page shows it (some labels have a translation context)."""
    with translation.override("pl"):
        return str(Status(status).label)


def detail_url(index, proposal) -> str:
    return proposal_path(index, proposal.pk)


def action_url(index, proposal, action) -> str:
    return index.url + index.reverse_subpage("action_view", args=(proposal.pk, action))


def create_url(index) -> str:
    return index.url + index.reverse_subpage("create_view")


def similar_url(index) -> str:
    return index.url + index.reverse_subpage("similar_view")


def page_text(response) -> str:
    return response.content.decode()


def png_bytes(size=(40, 30), colour=(11, 79, 138)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(**overrides):
    """A complete, valid proposal as the form sends it, shown a minute ago and already checked for
    similar proposals (so it is saved at once); an override of None leaves the field out."""
    title = overrides.get("title", TITLE)
    data = {
        "title": title,
        "text": "Jedno miejsce, w którym cudzoziemcy dowiedzą się, jak załatwić sprawę w urzędzie.",
        "area": ProposalArea.PUBLIC_INSTITUTIONS,
        "dimensions": [Dimension.objects.get(code="legal").pk, Dimension.objects.get(code="societal").pk],
        "district": "",
        "image_description": "",
        "language": "pl",
        "similar_checked": title,
        spam.STARTED_FIELD: spam.started_token(PURPOSE, time.time() - 60),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
