"""`{% lang_attrs idea.language %}` and `{% lang_of obj "field" %}` mark a fragment in another language than the page
(see core.i18n)."""

from django import template
from django.utils.html import format_html

from core import i18n

register = template.Library()


@register.simple_tag(takes_context=True)
def lang_attrs(context, code):
    return i18n.lang_attrs(code)


@register.filter
def language_name(code):
    return i18n.language_name(code)


@register.filter
def text_direction(code):
    return i18n.direction(code)


@register.simple_tag(takes_context=True)
def source_lang_attrs(context):
    """For names kept in the site's source language (categories, districts, organisations' names) on a
    page in another language."""
    return i18n.lang_attrs(i18n.language_of(None))


@register.simple_tag
def lang_of(obj, field=None, link=False):
    """` lang dir` (and ` hreflang` for a `link`) when `obj`, or its `field`, is in another language than the
    page: `<dd{% lang_of page "budget" %}>`, `<a href="…"{% lang_of page link=True %}>` (core.i18n.language_of)."""
    code = i18n.language_of(obj, field)
    return i18n.lang_and_hreflang(code) if link else i18n.lang_attrs(code)


@register.filter
def in_language_of(obj, field):
    """`obj`'s `field`, in a `<span lang dir>` when it is in another language than the page: for a value inside a
    translated sentence, `{% blocktranslate with site=page|in_language_of:"applies_to" %}`."""
    value = getattr(obj, field, "")
    attrs = i18n.lang_attrs(i18n.language_of(obj, field))
    return format_html("<span{}>{}</span>", attrs, value) if attrs else value

