"""Links every page carries (header: Leichte Sprache, DGS, display; footer: statement, report a barrier), the
display classes for <html>, and small formats for the DGS video."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page

from accessibility.display import html_classes
from accessibility.models import AccessibilityStatementPage, EasyLanguagePage, SignLanguagePage
from accessibility.models.feedback import answer_days
from core.cache import chrome
from core.models import FooterSettings

register = template.Library()

LINKED_TYPES = {"statement": AccessibilityStatementPage, "easy": EasyLanguagePage, "sign": SignLanguagePage}


def _pick(pages, language):
    """The page in the visitor's language, else the one in the site's source language (Leichte Sprache and
    DGS are German by nature; `lang` on the link says so)."""
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get("de") or (pages[0] if pages else None)


def _links(request):
    """One query for the three page types in every language, once per request."""
    cached = getattr(request, "_accessibility_links", None)
    if cached is None:
        cached = request._accessibility_links = chrome(request, "accessibility_links", lambda: _find_links(request),
                                                       translation.get_language())
    return cached


def _find_links(request):
    content_types = ContentType.objects.get_for_models(*LINKED_TYPES.values())
    kinds = {content_types[model].pk: kind for kind, model in LINKED_TYPES.items()}
    pages = {kind: [] for kind in LINKED_TYPES}
    # The top page of each kind (Leichte Sprache may have subpages): shallowest first.
    for page in (Page.objects.live().filter(content_type__in=list(kinds)).select_related("locale")
                 .order_by("depth", "path")):
        if not pages[kinds[page.content_type_id]] or page.depth == pages[kinds[page.content_type_id]][0].depth:
            pages[kinds[page.content_type_id]].append(page)
    language = translation.get_language()
    links = {}
    for kind, candidates in pages.items():
        page = _pick(candidates, language)
        if page is not None:
            links[kind] = {"url": page.get_url(request), "title": page.title,
                           "lang": page.locale.language_code, "ids": {p.pk for p in candidates}}
    return links


@register.inclusion_tag("accessibility/includes/header_links.html", takes_context=True)
def accessibility_header_links(context):
    request = context["request"]
    links = _links(request)
    return {"easy": links.get("easy"), "sign": links.get("sign"), "current_path": request.path,
            "language": translation.get_language()}


@register.inclusion_tag("accessibility/includes/footer_links.html", takes_context=True)
def accessibility_footer_links(context):
    """The statement link is always in the footer: here, unless the editors' footer settings show it already."""
    request = context["request"]
    statement = _links(request).get("statement")
    if statement is not None:
        footer_page = chrome(request, "footer_statement",
                             lambda: FooterSettings.for_request(request).accessibility_page_id)
        if footer_page in statement["ids"]:
            statement = None
    # The path is the same for every visitor of this address, so cached pages stay correct.
    return {"statement": statement, "report_page": request.path, "language": translation.get_language()}


@register.simple_tag(takes_context=True)
def display_classes(context):
    """The classes for <html> from the visitor's display cookie ("" without one)."""
    request = context.get("request")
    return html_classes(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def statement_url(context):
    statement = _links(context["request"]).get("statement")
    return statement["url"] if statement else ""


@register.simple_tag
def feedback_answer_days():
    return answer_days()


@register.filter
def minutes_seconds(duration):
    """A duration as 2:05 (or 1:02:05 from an hour on)."""
    if not duration:
        return ""
    total = int(duration.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
