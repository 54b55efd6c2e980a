"""Blocks for pages in Leichte Sprache: few kinds, short text, every picture with its text."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import HeadingBlock, paragraph_block

# No headings inside the text and no italics: Leichte Sprache uses bold for emphasis and short lists.
EASY_TEXT_FEATURES = ["bold", "ol", "ul", "link", "document-link"]


class PictureWithTextBlock(blocks.StructBlock):
    """A picture beside a short text, as Leichte Sprache places them (picture left, text right)."""

    image = ImageChooserBlock(label=_("Picture"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), max_length=250,
        help_text=_("Say in one short sentence what the picture shows. Screen readers read it aloud."),
    )
    text = blocks.RichTextBlock(label=_("Text"), features=EASY_TEXT_FEATURES)

    class Meta:
        label = _("Picture with text")
        icon = "image"
        template = "accessibility/blocks/picture_with_text.html"
        description = _("A picture with a short text beside it")


class EasyLanguageStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block(
        EASY_TEXT_FEATURES, _("Short sentences: one statement per sentence, one sentence per line"),
        "<p>Mitgestalten ist eine Internet-Seite.</p><p>Die Seite ist von der Stadt Lübeck.</p>",
    )
    picture = PictureWithTextBlock()
