"""The shared StreamField blocks: one body definition for every page type.

Each block carries an icon, a template, a translated description and a preview value
so editors see what they pick.
"""

import re
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

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
        label = _("Heading")
        icon = "title"
        template = "core/blocks/heading.html"
        description = _("A heading that structures the page")
        preview_value = {"text": "Smart City Region Lübeck", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "core/blocks/image.html"
        description = _("An image with its alternative text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        label = _("Quote")
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
        label = _("Accordion")
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
        label = _("Call to action")
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
        label = _("Documents")
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
        label = _("Contact")
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
        label = _("Notice")
        icon = "warning"
        template = "core/blocks/notice.html"
        description = _("A highlighted note, for example a deadline or a change")


YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                 "www.youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,}$")
OPENSTREETMAP_HOSTS = {"openstreetmap.org", "www.openstreetmap.org"}


def youtube_id(url):
    """The video id from youtu.be/<id>, youtube.com/watch?v=<id> or …/embed/<id> (also shorts and live)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    candidate = ""
    if host == "youtu.be" and segments:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS:
        if parts.path.rstrip("/") == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    return candidate if YOUTUBE_ID.match(candidate) else None


def vimeo_player_url(url):
    """The player address for vimeo.com/<id>, vimeo.com/<id>/<hash> or player.vimeo.com/video/<id>."""
    parts = urlsplit(url or "")
    if (parts.hostname or "").lower() not in VIMEO_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    for index, segment in enumerate(segments):
        if segment.isdigit():
            # Unlisted videos carry a hash, as a second path segment or as ?h=.
            following = segments[index + 1] if index + 1 < len(segments) else ""
            secret = following if VIMEO_HASH.match(following) else parse_qs(parts.query).get("h", [""])[0]
            query = {"h": secret} if VIMEO_HASH.match(secret) else {}
            query["dnt"] = "1"  # Vimeo's "do not track": no tracking cookies in the player
            return f"https://player.vimeo.com/video/{segment}?{urlencode(query)}"
    return None


class ExternalMediaBlock(blocks.StructBlock):
    """Content from another service (video, map) that loads only after the visitor agrees.

    The page itself never contacts the other host: the iframe sits inside a <template> and
    core/js/consent-embed.js inserts it when the visitor presses the button. Nothing is fetched
    on the server either (no oEmbed), so the iframe address is derived from the URL here.
    """

    url = blocks.URLBlock(
        label=_("Web address"),
        help_text=_("The address of the video, map or post at the other service, as you see it in the browser."),
    )
    title = blocks.CharBlock(
        label=_("Title"), max_length=200,
        help_text=_("What the content shows, for example \"Video: How the district budget works\". "
                    "Screen readers announce it."),
    )
    provider = blocks.ChoiceBlock(
        label=_("Service"),
        choices=[("youtube", "YouTube"), ("vimeo", "Vimeo"), ("openstreetmap", "OpenStreetMap"),
                 ("other", _("Other service"))],
        default="youtube",
        help_text=_("YouTube is embedded in its privacy-enhanced mode. For OpenStreetMap, use the address from "
                    "Share → HTML (…/export/embed.html?…). Other services are shown as a link only."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Text version"), required=False, features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("The content as text, for example a transcript or a description of the map. "
                    "Shown below the embed."),
    )

    def embed_url(self, value):
        """The iframe address, or "" when the content can only be linked."""
        provider, url = value.get("provider"), value.get("url") or ""
        if provider == "youtube":
            video = youtube_id(url)
            return f"https://www.youtube-nocookie.com/embed/{video}" if video else ""
        if provider == "vimeo":
            return vimeo_player_url(url) or ""
        if provider == "openstreetmap":
            parts = urlsplit(url)
            if (parts.scheme == "https" and (parts.hostname or "").lower() in OPENSTREETMAP_HOSTS
                    and parts.path == "/export/embed.html"):
                return url
        return ""

    def clean(self, value):
        value = super().clean(value)
        if value.get("provider") in ("youtube", "vimeo") and not self.embed_url(value):
            message = {
                "youtube": _("This is not a YouTube video address. Use an address like "
                             "https://www.youtube.com/watch?v=… or https://youtu.be/…"),
                "vimeo": _("This is not a Vimeo video address. Use an address like https://vimeo.com/123456789"),
            }[value["provider"]]
            raise blocks.StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        src = self.embed_url(value)
        context["embed"] = {
            "src": src,
            "src_host": urlsplit(src).hostname if src else "",
            "link_host": urlsplit(value.get("url") or "").hostname or "",
            "id": f"embed-{uuid.uuid4().hex[:8]}",
        }
        return context

    class Meta:
        label = _("Video or map from another site")
        icon = "media"
        template = "core/blocks/embed.html"
        description = _("A video or map from another service that loads only after the visitor agrees")
        preview_value = {
            "url": "https://www.openstreetmap.org/export/embed.html?bbox=10.66,53.85,10.71,53.88&layer=mapnik",
            "title": "Karte: Altstadt Lübeck", "provider": "openstreetmap", "transcript": "",
        }


def paragraph_block(features, description, preview_value):
    """A body's running text (core/blocks/paragraph.html) with the rich-text features its page type allows."""
    return blocks.RichTextBlock(label=_("Text"), features=features, icon="pilcrow",
                                template="core/blocks/paragraph.html", description=description,
                                preview_value=preview_value)


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block(RICH_TEXT_FEATURES, _("Running text with headings, lists and links"),
                                "<p>Die Hansestadt Lübeck gestaltet ihre Zukunft gemeinsam mit allen.</p>")
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
    embed = ExternalMediaBlock()
