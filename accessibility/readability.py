"""Server-side content checks for editors: very long sentences and link texts that say nothing.

Wagtail's content checker (axe in the userbar and the editor's "Checks" panel) is configured in
wagtail_hooks.py for what axe can see: alt text, heading order, empty links and descriptions. Sentence
length is checked here, in Python, on the page the editor just saved: axe custom checks need a JavaScript
evaluate function that Wagtail 8 only ships for its own two checks, while this runs on the stored
content, needs no browser and is tested like any other function.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

LONG_SENTENCE_WORDS = 25
# Block-level ends in rich text: a paragraph or list item is never part of the next one's sentence.
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|td|th)>|<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! ? … (optionally closed by a quote or bracket) before a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»«)]*\s+")
_WORD = re.compile(r"\w", re.UNICODE)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
VAGUE_LINK_TEXTS = {
    "hier", "hier klicken", "klicken sie hier", "mehr", "weiter", "weiterlesen", "link", "diesen link",
    "here", "click here", "more", "read more", "this link",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # "long_sentence" or "vague_link"
    text: str
    words: int = 0


def sentences(text):
    """The sentences of plain text; line breaks end a sentence too (list items, headings)."""
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line.strip()):
            if sentence.strip():
                yield sentence.strip()


def word_count(sentence):
    return sum(1 for token in sentence.split() if _WORD.search(token))


def long_sentences(text, limit=LONG_SENTENCE_WORDS):
    return [Finding("long_sentence", sentence, word_count(sentence))
            for sentence in sentences(text) if word_count(sentence) > limit]


def html_to_text(html):
    return strip_tags(_BLOCK_END.sub("\n", html or "")).replace("&nbsp;", " ")


def vague_links(html):
    found = []
    for inner in _LINK.findall(html or ""):
        label = " ".join(strip_tags(inner).split()).strip(" .:!").lower()
        if label in VAGUE_LINK_TEXTS:
            found.append(Finding("vague_link", strip_tags(inner).strip()))
    return found


def _stream_texts(block, value):
    """(kind, text) for every running text in a StreamField value: rich text as HTML, long text as plain."""
    if isinstance(block, blocks.RichTextBlock):
        yield "html", value.source if isinstance(value, RichText) else str(value or "")
    elif isinstance(block, blocks.TextBlock):
        yield "text", str(value or "")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _stream_texts(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            yield from _stream_texts(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _stream_texts(child.block, child.value)


def page_texts(page):
    """Every running text of a page: rich text and stream fields, and long plain-text fields (introductions)."""
    for field in page._meta.get_fields():
        if getattr(field, "model", None) is None or not hasattr(field, "attname"):
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            yield from _stream_texts(field.stream_block, value)
        elif isinstance(field, RichTextField):
            yield "html", value or ""
        elif field.get_internal_type() == "TextField" and field.concrete and field.editable:
            yield "text", value or ""


def long_sentence_limit(page):
    """Words per sentence before the editor is warned: 25, or fewer for page types that ask for it."""
    return getattr(page, "long_sentence_limit", LONG_SENTENCE_WORDS)


def check_page(page):
    """The findings for one page: sentences above the page type's limit, and vague link texts."""
    limit = long_sentence_limit(page)
    findings = []
    for kind, text in page_texts(page):
        if kind == "html":
            findings += long_sentences(html_to_text(text), limit)
            findings += vague_links(text)
        else:
            findings += long_sentences(text, limit)
    return findings
