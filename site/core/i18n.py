"""Languages of pages and of residents' own words.

- `source_of(page)`: a translated page shares its data (answers, ideas, paper forms, results) with the
  page in the site's default language; the translation only changes the language it is shown in.
- `direction(code)` / `lang_attrs(code)`: `lang` and `dir` for a fragment whose language differs from
  the page around it (an idea written in Turkish on the German page, an untranslated opportunity on the
  Arabic page), so screen readers switch voice and Arabic text runs right to left inside a left-to-right
  page and the other way round.
"""

from django.conf import settings
from django.middleware import locale as django_locale
from django.utils import translation
from django.utils.html import format_html


def source_of(page):
    """The page that holds the data of `page` and its translations: its live translation in the default
    language, else the page itself (a survey made only in English keeps its own answers)."""
    cached = getattr(page, "_source_page", None)
    if cached is not None:
        return cached
    from wagtail.models import Locale

    source = page
    if page.locale_id != Locale.get_default().pk:
        default = page.get_translation_or_none(Locale.get_default())
        if default is not None and default.live:
            source = default.specific
    page._source_page = source
    return source


def base_language(code):
    return (code or "").split("-")[0].lower()


def is_rtl(code):
    return base_language(code) in settings.LANGUAGES_BIDI


def direction(code):
    return "rtl" if is_rtl(code) else "ltr"


def lang_attrs(code, current=None):
    """` lang="…" dir="…"` when `code` is not the language of the page around it, else ""."""
    current = current or translation.get_language() or settings.LANGUAGE_CODE
    if not code or code == current:
        return ""
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def language_name(code):
    """A language in its own name ("Türkçe"), for the switcher and for marking contributions."""
    return dict(settings.LANGUAGES).get(code, code)


def data_holders(queryset):
    """The pages of `queryset` that hold their own data: leaves out translations of a live page in the
    default language (their answers and ideas are stored with that page, see source_of). Lists for staff
    (dashboards, export sources) show each survey or idea call once."""
    from django.db.models import Q
    from wagtail.models import Locale, Page

    default = Locale.get_default()
    translated = Page.objects.filter(locale=default, live=True).values("translation_key")
    return queryset.exclude(~Q(locale=default) & Q(translation_key__in=translated))


def in_language_or_source(queryset, locale=None):
    """The pages of `queryset` in `locale` (the active one), and the default language's pages that have no live
    translation there: a home page in Leichte Sprache still lists the open survey that exists only in German
    (the template marks those with `lang="de"`, so screen readers switch voice)."""
    from django.db.models import Q
    from wagtail.models import Locale, Page

    locale = locale or Locale.get_active()
    default = Locale.get_default()
    if locale.pk == default.pk:
        return queryset.filter(locale=locale)
    translated = Page.objects.filter(locale=locale, live=True).values("translation_key")
    return queryset.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))


class LocaleMiddleware(django_locale.LocaleMiddleware):
    """Django's, except that a 404 outside the language trees stays a 404. Django redirects a 404 at an address
    without a language prefix to the same address under /de/ when that resolves, and Wagtail's pages resolve
    anything: `/api/v2/pages/99999/` answered a redirect to an HTML "not found" page instead of the API's JSON
    404. Only addresses that belong to a language tree (none of UNPREFIXED_PATHS) are redirected."""

    UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/b/", "/ideen/bilder/", "/sitemap", "/robots.txt",
                        "/static/", "/media/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
