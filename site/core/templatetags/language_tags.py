"""`{% lang_attrs idea.language %}` marks a fragment in another language than the page (see core.i18n)."""

from django import template

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
    from django.conf import settings

    return i18n.lang_attrs(settings.LANGUAGE_CODE)
