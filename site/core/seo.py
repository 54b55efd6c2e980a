"""Sitemaps per language (an index at /sitemap.xml) and robots.txt."""

from dataclasses import replace

from django.conf import settings
from django.contrib.sitemaps.views import index
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core import links


class LocaleSitemap(Sitemap):
    """One sitemap per language: the live pages of that language's tree. Each entry names its
    translations (<xhtml:link rel="alternate" hreflang>), found with one query per sitemap page."""

    def __init__(self, language, request=None):
        super().__init__(request)
        self.language = language

    def items(self):
        site = self.get_wagtail_site()
        root = site.root_page.get_translations(inclusive=True).filter(locale__language_code=self.language).first()
        if root is None:
            return Page.objects.none()
        return (Page.objects.descendant_of(root, inclusive=True).live().public().order_by("path")
                .defer_streamfields().specific())

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = {}
        for translated in (Page.objects.live().public().filter(translation_key__in={p.translation_key for p in pages})
                           .select_related("locale").order_by("locale__language_code")):
            alternates.setdefault(translated.translation_key, []).append(translated)
        urls, last_mods = [], set()
        for item in pages:
            translations = alternates.get(item.translation_key, [])
            for info in item.get_sitemap_urls(self.request):
                if len(translations) > 1:
                    info["alternates"] = [{"location": p.get_full_url(self.request),
                                           "lang_code": p.locale.language_code} for p in translations]
                urls.append(info)
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemaps():
    """{language: sitemap} for the sitemap index at /sitemap.xml (sections /sitemap-<language>.xml)."""
    return {code: LocaleSitemap(code) for code, _name in settings.LANGUAGES}


def sitemap_index(request):
    """/sitemap.xml: Django's index, naming each language's sitemap at the public address (core.links) rather
    than at whatever host the request used."""
    response = index(request, sitemaps(), sitemap_url_name="sitemap_section")
    request_root = f"{request.scheme}://{get_current_site(request).domain}"
    public_root = links.site_root(request=request)
    response.context_data["sitemaps"] = [
        replace(item, location=public_root + item.location.removeprefix(request_root))
        for item in response.context_data["sitemaps"]]
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *[f"Disallow: /{code}/konto/" for code, _name in settings.LANGUAGES],
        f"Sitemap: {links.absolute(reverse('sitemap'), request=request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
