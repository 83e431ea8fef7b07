"""A proposal's text: plain text, or a small safe subset of HTML. Whatever the author sends is cleaned
with nh3 before it is stored, so templates may show it as it is."""

import html as html_module
import re

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<\s*/?\s*(" + "|".join(sorted(ALLOWED_TAGS)) + r")\b[^>]*>", re.IGNORECASE)


def clean_text(raw: str) -> str:
    """Safe HTML for a proposal. Text without any allowed tag is taken as plain text: blank lines make
    paragraphs, single line breaks stay."""
    raw = raw.strip()
    if not _TAG.search(raw):
        return linebreaks(escape(raw))
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
    ).strip()


def plain_text(html_text: str) -> str:
    """The words of a cleaned text, e.g. for a teaser or for comparing versions."""
    return re.sub(r"\s+", " ", html_module.unescape(nh3.clean(html_text, tags=set()))).strip()
