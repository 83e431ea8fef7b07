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
_BLOCK = re.compile(r"<\s*(p|ul|ol|li|blockquote)\b", re.IGNORECASE)
# Tags that separate words: they become spaces in plain text ("a<br>b" reads "a b", not "ab").
_BREAK = re.compile(r"<\s*/?\s*(p|br|ul|ol|li|blockquote)\b[^>]*>", re.IGNORECASE)


def _sanitise(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
    )


def clean_text(raw: str) -> str:
    """Safe HTML for a proposal. Text without any allowed tag is taken as plain text: blank lines make
    paragraphs, single line breaks stay. So is text with some inline formatting but no paragraphs or
    lists of its own."""
    raw = raw.strip()
    if not _TAG.search(raw):
        return linebreaks(escape(raw))
    if not _BLOCK.search(raw):
        # Cleaned first, so the paragraphs are made of safe HTML; cleaned again, so formatting that spans
        # a blank line is closed and reopened in each paragraph.
        raw = linebreaks(_sanitise(raw))
    return _sanitise(raw).strip()


def plain_text(html_text: str) -> str:
    """The words of a cleaned text, e.g. for a teaser or for comparing versions."""
    words = nh3.clean(_BREAK.sub(" ", html_text), tags=set())
    return re.sub(r"\s+", " ", html_module.unescape(words)).strip()
