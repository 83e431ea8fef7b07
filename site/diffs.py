"""Readable differences between two versions of a text, shared by consultation drafts and council
drafts: words removed and added, marked for eyes and for screen readers."""

import difflib
import html
import re

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def plain_text(rich_text_source: str) -> str:
    """Rich text as readable plain text, one paragraph a line."""
    text = re.sub(r"</(p|h\d|li)>", "\n", rich_text_source)
    return html.unescape(strip_tags(text)).strip()


# Words, runs of spaces, line breaks and single punctuation marks: so "schools." -> "schools and
# nurseries." marks only the added words, and the text keeps its own spacing.
DIFF_TOKEN = re.compile(r"\n|[^\S\n]+|\w+|[^\w\s]")


def _text_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _marked(tag: str, label: str, text: str) -> str:
    """`text` in <del> or <ins> with a hidden label; surrounding spaces and line breaks stay outside."""
    words = text.strip()
    if not words:
        return "" if tag == "del" else _text_html(text)
    before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return (
        f'{_text_html(before)}<{tag}><span class="visually-hidden">[{html.escape(label)} </span>'
        f'{_text_html(words)}<span class="visually-hidden">]</span></{tag}>{_text_html(after)}'
    )


def word_diff(old: str, new: str) -> str:
    """HTML showing the words removed (<del>) and added (<ins>) between two rich texts, as plain text
    with line breaks. Many screen readers say nothing about <del> and <ins>, so each carries a visually
    hidden label."""
    old_tokens = DIFF_TOKEN.findall(plain_text(old))
    new_tokens = DIFF_TOKEN.findall(plain_text(new))
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_tokens[old_start:old_end])
        added = "".join(new_tokens[new_start:new_end])
        if operation == "equal":
            parts.append(_text_html(added))
        if operation in ("delete", "replace"):
            parts.append(_marked("del", _("removed:"), removed))
        if operation in ("insert", "replace"):
            parts.append(_marked("ins", _("added:"), added))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
