"""Languages of pages and of residents' own words.

- `source_of(page)`: a translated page shares its data (answers, ideas, paper forms, results) with the
  page in the site's default language; the translation only changes the language it is shown in.
- `language_of(obj, field)`: the language a record or one of its fields is in, so that German shown on a page in
  another language (a link to an untranslated page, a district, a project fact nobody translated) is marked
  `lang="de"` (`{% lang_of %}` in templates).
- `direction(code)` / `lang_attrs(code)`: `lang` and `dir` for a fragment whose language differs from
  the page around it (an idea written in Turkish on the German page, an untranslated opportunity on the
  Arabic page), so screen readers switch voice and Arabic text runs right to left inside a left-to-right
  page and the other way round.
"""

from django import forms
from django.conf import settings
from django.middleware import locale as django_locale
from django.utils import translation
from django.utils.html import format_html

# Languages offered in forms (volunteer profiles, opportunities, events): the city's most spoken ones, each in
# its own name.
LANGUAGES_SPOKEN = [
    ("de", "Deutsch"), ("en", "English"), ("tr", "Türkçe"), ("ar", "العربية"), ("uk", "Українська"),
    ("ru", "Русский"), ("pl", "Polski"), ("fa", "فارسی"), ("fr", "Français"),
]


def source_of(page):
    """The page that holds the data of `page` and its translations: its live translation in the default
    language, else the page itself (a survey made only in English keeps its own answers)."""
    cached = getattr(page, "_source_page", None)
    if cached is not None:
        return cached
    from wagtail.coreutils import get_supported_content_language_variant

    source = page
    # The page's language from the locales read once per process (locale_code): no query for the default locale
    # on every page in the default language, and its translation found by the locale's code in one query.
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if locale_code(page.locale_id) != default_code:
        default = page.get_translations(inclusive=True).filter(locale__language_code=default_code).first()
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


def language_of(obj, field=None):
    """The language `obj` is shown in, for marking text that falls back to German (issue 24, point 12): a page's or
    translatable snippet's locale; a record without languages (districts, idea categories, organisations, authors)
    holds the site's source language. With `field`: a translation's field still holding its source's value (never
    translated: a copied project fact, an untranslated barrier) is in the source's language; so is a row of a
    translation's child relation (a milestone, a phase) whose `field` equals one of the source's rows."""
    source_language = settings.LANGUAGE_CODE
    if obj is None:
        return source_language
    if isinstance(obj, str):
        return obj
    if getattr(obj, "locale_id", None) is not None:
        own = locale_code(obj.locale_id)
        if field is None or own == source_language:
            return own
        source = _source_version(obj)
        same = source is not None and getattr(source, field, None) == getattr(obj, field, None)
        return source_language if same else own
    parent = _parent_page(obj)
    if parent is None or field is None:
        return source_language if parent is None else language_of(parent)
    own = locale_code(parent.locale_id)
    if own == source_language or getattr(obj, field, None) in (getattr(row, field, None) for row in
                                                               _source_rows(parent, obj)):
        return source_language
    return own


_locale_codes = {}


def locale_code(locale_id):
    """A locale's language code without a query per page or snippet: the few locales are read once per process
    (again only when one is added)."""
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, "")


def _source_version(obj):
    """`obj`'s version in the site's source language (any state), remembered on the instance."""
    if not hasattr(obj, "_source_version"):
        obj._source_version = (type(obj)._default_manager.filter(
            translation_key=obj.translation_key, locale__language_code=settings.LANGUAGE_CODE).first())
    return obj._source_version


def _parent_page(row):
    """The page a child-relation row (ParentalKey) belongs to, or None for a record of its own."""
    from modelcluster.fields import ParentalKey

    for field in row._meta.concrete_fields:
        if isinstance(field, ParentalKey) and hasattr(field.related_model, "locale"):
            return getattr(row, field.name)
    return None


def _source_rows(parent, row):
    """The source's rows of the same relation as `row` (one query per page and relation, whatever the fields)."""
    cache = parent.__dict__.setdefault("_source_rows", {})
    if type(row) not in cache:
        source = _source_version(parent)
        relation = next(f for f in row._meta.concrete_fields if getattr(f, "related_model", None) is not None
                        and isinstance(parent, f.related_model))
        cache[type(row)] = [] if source is None else list(
            type(row)._default_manager.filter(**{relation.name: source.pk}))
    return cache[type(row)]


def lang_and_hreflang(code):
    """`lang_attrs` plus ` hreflang` for a link to a page in another language than the page around it."""
    attrs = lang_attrs(code)
    return format_html('{} hreflang="{}"', attrs, code) if attrs else ""


class SourceLanguageSelect(forms.Select):
    """A select of names kept in the site's source language (districts, idea categories): each option but the empty
    one is marked `lang="de"` on a page in another language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        code = language_of(None)
        if value not in ("", None) and lang_attrs(code):
            option["attrs"] = {**option["attrs"], "lang": code, "dir": direction(code)}
        return option


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
    (the template marks those with `lang="de"`, so screen readers switch voice). Languages are compared by code,
    joined in the same query: no query for the locales."""
    from django.db.models import Q
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Page

    active = locale.language_code if locale else get_supported_content_language_variant(translation.get_language())
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if active == default:
        return queryset.filter(locale__language_code=active)
    translated = Page.objects.filter(locale__language_code=active, live=True).values("translation_key")
    return queryset.filter(Q(locale__language_code=active)
                           | (Q(locale__language_code=default) & ~Q(translation_key__in=translated)))


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
