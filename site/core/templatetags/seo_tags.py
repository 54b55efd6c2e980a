"""Canonical and hreflang links, OpenGraph tags and JSON-LD for search engines and link previews."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core import links
from core.cache import chrome

register = template.Library()


def _json_ld(request, data):
    # Escape "<" so that no text inside can close the script element. The nonce: every inline script carries
    # the Content-Security-Policy's nonce (core/security.py), data blocks too.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    nonce = escape(getattr(request, "csp_nonce", ""))
    return mark_safe(f'<script type="application/ld+json" nonce="{nonce}">{payload}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def seo_links(context):
    """Canonical URL, hreflang alternates of a Wagtail page and OpenGraph basics."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return ""
    canonical, alternates, description, image_url, image_alt = chrome(
        request, "seo", lambda: _seo_data(request, page), page.pk, request.scheme)
    parts = [
        format_html('<link rel="canonical" href="{}">', canonical),
        format_html_join("\n", '<link rel="alternate" hreflang="{1}" href="{0}">', alternates),
        format_html('<meta property="og:title" content="{}">', page.seo_title or page.title),
        format_html('<meta property="og:url" content="{}">', canonical),
        format_html('<meta property="og:type" content="{}">', "article" if hasattr(page, "teaser") else "website"),
        format_html('<meta property="og:site_name" content="{}">', "Mitgestalten Lübeck"),
    ]
    if description:
        parts.append(format_html('<meta property="og:description" content="{}">', description[:300]))
    if image_url:
        parts.append(format_html('<meta property="og:image" content="{}">', image_url))
        if image_alt:
            parts.append(format_html('<meta property="og:image:alt" content="{}">', image_alt))
    return mark_safe("\n".join(str(p) for p in parts))  # noqa: S308 - every part is built by format_html


def _seo_data(request, page):
    """What the head of a page says about it, from the page tree (cached per content version: core.cache.chrome)."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    alternates = [(t.get_full_url(request), t.locale.language_code) for t in translations]
    image = getattr(page, "hero_image", None)
    image_url = (links.absolute(image.get_rendition("fill-1200x630").url, request=request)
                 if image is not None else "")
    image_alt = image.default_alt_text if image is not None else ""  # in the page's language, as it is served
    return page.get_full_url(request), alternates, summary(page), image_url, image_alt


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    request = context["request"]
    return _json_ld(request, {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Hansestadt Lübeck – Smart City Region Lübeck",
        "url": links.absolute("/", request=request),
        "logo": links.absolute(static("core/img/logo.svg"), request=request),
    })


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    request = context["request"]
    return _json_ld(request, chrome(request, "article", lambda: _article_data(request, page), page.pk, request.scheme))


def _article_data(request, page):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": getattr(page, "teaser", ""),
        "datePublished": page.date.isoformat() if getattr(page, "date", None) else None,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
        "inLanguage": page.locale.language_code,
        "url": page.get_full_url(request),
        "author": [{"@type": "Person", "name": a.name} for a in page.authors.all()],
        "publisher": {"@type": "Organization", "name": "Hansestadt Lübeck – Smart City Region Lübeck"},
    }
    if page.hero_image_id:
        data["image"] = links.absolute(page.hero_image.get_rendition("fill-1200x630").url, request=request)
    return {k: v for k, v in data.items() if v is not None}


@register.filter
def summary(page):
    """The short text that describes a page: its search description, teaser or introduction."""
    for field in ("search_description", "teaser", "intro"):
        text = getattr(page, field, "")
        if text:
            return text
    return ""
