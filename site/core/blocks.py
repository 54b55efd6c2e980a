"""The shared StreamField blocks: one body definition for every page type.

Each block carries an icon, a template, a translated description and a preview value
so editors see what they pick.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
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


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or heading"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Entries"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "core/blocks/accordion.html"
        description = _("Questions and answers that open one by one (FAQ)")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)
    button_label = blocks.CharBlock(label=_("Button text"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a web address."))}
            )
        return value

    class Meta:
        icon = "pick"
        template = "core/blocks/call_to_action.html"
        description = _("A highlighted invitation with one button")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200,
                             help_text=_("Leave empty to use the document's title."))


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_list.html"
        description = _("Downloads with file type and size")


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=150)
    role = blocks.CharBlock(label=_("Role or team"), required=False, max_length=150)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)
    address = blocks.TextBlock(label=_("Address"), required=False)

    class Meta:
        icon = "user"
        template = "core/blocks/contact.html"
        description = _("A contact person with email, phone and address")
        preview_value = {"name": "Smart City Team", "role": "Hansestadt Lübeck", "email": "smartcity@luebeck.example"}


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("success", _("Good news"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "core/blocks/notice.html"
        description = _("A highlighted note, for example a deadline or a change")


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
    table = TableBlock(
        label=_("Table"),
        template="core/blocks/table.html",
        description=_("A table with a caption and a header row"),
        table_options={"startRows": 3, "startCols": 3, "contextMenu": ["row_above", "row_below", "col_left",
                                                                       "col_right", "remove_row", "remove_col"]},
    )
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentListBlock()
    contact = ContactBlock()
    notice = NoticeBlock()
