from django.contrib import messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from accessibility.readability import check_page, long_sentence_limit
from accessibility.viewsets import FeedbackTicketViewSet, SignLanguageVideoViewSet
from core.wagtail_hooks import SiteContentChecker


class AccessibilityViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Accessibility")
    menu_icon = "glasses"
    menu_order = 850
    items = (FeedbackTicketViewSet, SignLanguageVideoViewSet)


register_snippet(AccessibilityViewSetGroup)


class AccessibilityChecker(SiteContentChecker):
    """The content checker (userbar, preview and the editor's Checks panel) with the rules editors can act on:
    alternative text, heading order, link text and empty descriptions, captions on videos."""

    axe_run_only = [
        *SiteContentChecker.axe_run_only,
        # Alternative text beyond <img>: images made of SVG or ARIA, image maps, image buttons.
        "role-img-alt", "svg-img-alt", "area-alt", "input-image-alt",
        # Link text: the same words must not lead to different places ("Mehr erfahren" twice).
        "identical-links-same-purpose",
        # Videos uploaded by editors need a captions track.
        "video-caption",
    ]
    axe_messages = {
        **SiteContentChecker.axe_messages,
        "image-alt": {"error_name": _("Image without alternative text"),
                      "help_text": _("Describe the image in the image library, or mark it as decorative")},
        "identical-links-same-purpose": {"error_name": _("Same link text, different targets"),
                                         "help_text": _("Say in the link text where each link leads")},
        "video-caption": {"error_name": _("Video without captions"),
                          "help_text": _("Add a WebVTT captions file to the video")},
    }


@hooks.register("construct_wagtail_userbar")
def use_accessibility_checker(request, items, page):
    # Wagtail 8 still builds its deprecated AccessibilityItem subclass: match every content checker.
    items[:] = [
        AccessibilityChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]


def warn_about_readability(request, page):
    """After saving a page: name sentences that are too long and link texts that say nothing (a warning,
    the page is saved). Autosave requests (JSON) get no message, it would pile up."""
    if not request.accepts("text/html"):
        return
    page = page.specific
    findings = check_page(page)
    long_ones = [finding for finding in findings if finding.kind == "long_sentence"]
    vague = [finding for finding in findings if finding.kind == "vague_link"]
    if long_ones:
        quoted = "; ".join(
            "„{}“ ({})".format(Truncator(finding.text).words(10),
                               ngettext("%(words)d word", "%(words)d words", finding.words) % {"words": finding.words})
            for finding in long_ones[:5]
        )
        messages.warning(request, ngettext(
            "%(count)d sentence has more than %(limit)d words. Shorter sentences are easier to read: %(sentences)s",
            "%(count)d sentences have more than %(limit)d words. Shorter sentences are easier to read: %(sentences)s",
            len(long_ones),
        ) % {"count": len(long_ones), "limit": long_sentence_limit(page), "sentences": quoted})
    if vague:
        texts = ", ".join(f"„{finding.text}“" for finding in vague[:5])
        messages.warning(request, _("Link texts that do not say where they lead: %(texts)s. Name the target, "
                                    "for example “Survey on mobility”.") % {"texts": texts})


hooks.register("after_create_page", warn_about_readability)
hooks.register("after_edit_page", warn_about_readability)
