"""The shared StreamField blocks: one body definition for every page type.

Each block carries an icon, a template, a translated description and a preview value
so editors see what they pick.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# A deliberately small rich-text feature set: structure, emphasis and links, nothing that
# breaks the site's typography or accessibility (no colours, no h1).
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        help_text=_("Use levels in order: the page title is level 1."),
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"
        description = _("A heading that structures the page")
        preview_value = {"text": "Smart City Region Lübeck", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"
        description = _("An image with its alternative text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"
        description = _("A quotation with the person who said it")
        preview_value = {"text": "Alle sollen mitgestalten können.", "attribution": "Smart City Team"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="core/blocks/paragraph.html",
        description=_("Running text with headings, lists and links"),
        preview_value="<p>Die Hansestadt Lübeck gestaltet ihre Zukunft gemeinsam mit allen.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
