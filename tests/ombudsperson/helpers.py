"""Small helpers shared by the ombudsperson tests (and the cross-app tests that file a case): page
addresses, a valid case form, and small files to attach."""

import io
import time

from PIL import Image

from citysite.participation.spam import started_token
from ombudsperson.factories import DESCRIPTION

__all__ = ["DESCRIPTION", "PDF_BYTES", "form_data", "jpeg_bytes", "page_url", "png_bytes"]


def page_url(page, route=""):
    return page.url + (page.reverse_subpage(route) if route else "")


def form_data(**overrides):
    """A valid case form, shown a minute ago."""
    data = {
        "category": "work",
        "description": DESCRIPTION,
        "preferred_language": "pl",
        "contact": "",
        "submission_token": "",
        "website": "",
        "form_started": started_token("ombudsperson_case", at=time.time() - 60),
    }
    data.update(overrides)
    return data


def png_bytes(size=(4, 4)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "red").save(output, "PNG")
    return output.getvalue()


def jpeg_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(output, "JPEG")
    return output.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
