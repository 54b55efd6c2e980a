"""Navigation, language switcher and footer for the base template."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from core import registry
from core.cache import chrome
from core.models import FooterSettings
from core.municipalities import current, offered_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality(context):
    """The host's municipality for the header and footer (core.municipalities.current)."""
    request = context.get("request")
    return current(request) if request is not None else None


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _localized_home(request):
    """The home page in the active language, or the default one if it has no translation."""
    root = _site_root(request)
    if root is None:
        return None
    return root.specific_deferred.localized


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main navigation. Its HTML is the same for every visitor of the same menu entry, so it is rendered once
    per content version, language and marked entry (core.cache.chrome): about 0.3 ms per page less."""
    request = context["request"]

    def compute():
        home = _localized_home(request)
        if home is None:
            return None, []
        items = [{"title": item.title, "url": item.get_url(request), "path": item.path}
                 for item in home.get_children().live().in_menu()]
        return {"url": home.get_url(request), "path": home.path}, items

    language = translation.get_language()
    home, items = chrome(request, "main_menu", compute, language)
    current_path = getattr(context.get("page"), "path", "")
    if home is None or current_path not in {home["path"], *(item["path"] for item in items)}:
        current_path = ""  # no entry is marked: one rendering for all those pages
    links = []
    for label, url_name in registry.menu_links:
        url = reverse(url_name)
        links.append((label, url, request.path.startswith(url)))
    marked = tuple(current for _label, _url, current in links)
    return mark_safe(chrome(request, "main_menu_html", lambda: render_to_string("core/includes/main_menu.html", {
        "home": home, "items": items, "current_path": current_path, "links": links}), language, current_path, marked))  # noqa: S308 - our template's output


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language: the translation of this page, else that language's home page."""
    request = context["request"]
    page = context.get("page")
    urls = {}
    if isinstance(page, Page):
        urls = chrome(request, "translations", lambda: {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }, page.pk)

    def home_urls():
        root = _site_root(request)
        if root is None:
            return {}
        return {p.locale.language_code: p.get_url(request)
                for p in root.get_translations(inclusive=True).live().select_related("locale")}

    homes = chrome(request, "homes", home_urls)
    current = translation.get_language()
    subpage = _subpage(request, page, urls.get(current))
    languages = []
    offered = set(offered_languages(request))  # the municipality's language set (issue 26)
    for code, name in settings.LANGUAGES:
        if code not in offered:
            continue
        if code in urls:
            url = urls[code] + subpage
        elif page is None:
            url = _translated_address(request, code)
        else:
            url = homes.get(code) or f"/{code}/"
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"languages": languages}


@functools.lru_cache(maxsize=4096)
def _translated_path(path, code):
    """Django's translate_url for an address without its query: it depends only on the URL patterns, the same for
    every request of a process, so each process remembers it (resolving and reversing it for six languages cost
    about 1 ms of every page that is not a Wagtail page)."""
    return translate_url(path, code)


def _translated_address(request, code):
    """translate_url(request.get_full_path(), code): the query string is kept as it is."""
    path, mark, query = request.get_full_path().partition("?")
    return _translated_path(path, code) + mark + query


def _subpage(request, page, page_url):
    """What follows the page's own address when a routable page serves one of its subpages (an idea of an idea
    call, a step of a survey, a blog archive): its translations serve the same subpage, since they share the
    source's data (core.i18n.source_of) and their routes are the same in every language. Query included."""
    if not page_url or not isinstance(page, RoutablePageMixin) or not request.path.startswith(page_url):
        return ""
    rest, query = request.path[len(page_url):], request.META.get("QUERY_STRING", "")
    return rest + (f"?{query}" if query else "")  # filters of a list too (?category=…: slugs are the same)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The editors' footer links (imprint, privacy, accessibility), as HTML rendered once per content version and
    language: the same for every page."""
    request = context["request"]
    return mark_safe(chrome(request, "footer_links_html", lambda: render_to_string(  # noqa: S308 - our template
        "core/includes/footer_links.html", {"links": _footer_links(request)}), translation.get_language()))


@register.simple_tag(takes_context=True)
def privacy_notice_link(context):
    """A link to the editors' privacy page in the active language, for the hint of a consent box; it opens in a
    new tab so the form and what is typed in it stay. Rendered once per content version and language (four
    queries otherwise, on every page with a consent box: the process page has one since issue 25)."""
    request = context["request"]
    return mark_safe(chrome(request, "privacy_notice_link", lambda: _privacy_notice_link(request),  # noqa: S308
                            translation.get_language()))


def _privacy_notice_link(request):
    footer = FooterSettings.for_request(request)
    if not footer.privacy_page_id:
        return ""
    chosen = Page.objects.filter(pk=footer.privacy_page_id).live().first()
    if chosen is None:
        return ""
    translation_ = chosen.get_translation_or_none(Locale.get_active())
    page = translation_ if translation_ is not None and translation_.live else chosen
    return str(format_html('<a class="kern-link" href="{}" target="_blank" rel="noopener">{}</a>',
                           page.get_url(request), _("Read the privacy notice (opens in a new tab)")))


def _footer_links(request):
    site = Site.find_for_request(request)
    links = []
    if site is not None:
        footer = FooterSettings.for_site(site)
        locale = Locale.get_active()
        ids = [pid for pid in (footer.imprint_page_id, footer.privacy_page_id, footer.accessibility_page_id) if pid]
        chosen = Page.objects.filter(pk__in=ids).live()
        # One query for the pages in the active language (their translations share translation_key).
        translated = {
            p.translation_key: p
            for p in Page.objects.filter(
                translation_key__in=chosen.values("translation_key"), locale=locale
            ).live()
        }
        by_id = {p.pk: p for p in chosen}
        for pid in ids:
            if pid in by_id:
                page = translated.get(by_id[pid].translation_key, by_id[pid])
                links.append({"title": page.title, "url": page.get_url(request), "page": page})
    return links
