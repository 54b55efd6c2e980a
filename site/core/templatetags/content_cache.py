"""Parts of a page rendered once per content version, and select options built without a template loop.

`{% contentcache "name" part part … %}…{% endcontentcache %}` renders its body the first time and keeps the
HTML with `core.cache.chrome`: keyed by the content version (any publish, move, delete, snippet or settings
change renews it), the host, the active language and the parts given (e.g. the page's id and the current
phase's). Use it only for HTML that depends on nothing else: page content, dates of phases, labels. Never
around a form with a CSRF token, a script or style with the request's nonce, messages, or anything about the
visitor; in DEBUG and tests such a fragment raises at once instead of being cached.

Profiled for issue 13 (docs/speed.md): the idea list spent about a third of its time turning the page's rich
text, its phases and the filter form's options into HTML that was the same for every visitor.
"""

import html

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from core import i18n
from core.cache import chrome

register = template.Library()

# What must never be inside a shared fragment (each is personal or per request).
FORBIDDEN = ("csrfmiddlewaretoken", "nonce=")


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)

        def render_once():
            html = self.nodelist.render(context)
            if settings.DEBUG or getattr(settings, "TESTING", False):
                for marker in FORBIDDEN:
                    if marker in html:
                        raise template.TemplateSyntaxError(
                            f"contentcache {self.name!r} holds {marker!r}: per-request HTML must not be shared.")
            return str(html)

        parts = [part.resolve(context) for part in self.parts]
        html = chrome(request, f"fragment:{self.name}", render_once, translation.get_language(), *parts)
        return mark_safe(html)  # noqa: S308 - our templates' own output, escaped when it was rendered


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("contentcache needs a name: {% contentcache \"name\" part … %}")
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return ContentCacheNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])


def _escaped(text):
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))  # Django's escaping, direct


@register.simple_tag
def select_options(choices, selected="", in_source_language=False):
    """`<option>`s for (value, label) pairs, the selected one marked: the same HTML as a template loop with an
    `{% if %}` per option, built in one pass (values and labels escaped as Django escapes; 0.3 ms less for the
    idea list's filter form than format_html)."""
    selected = str(selected)
    # Names kept in the site's source language (districts, categories) say so on a page in another language.
    lang = i18n.lang_attrs(i18n.language_of(None)) if in_source_language else ""
    return mark_safe("".join(  # noqa: S308 - every value and label is escaped here
        f'<option value="{_escaped(value)}"{" selected" if str(value) == selected else ""}{lang}>{_escaped(label)}'
        '</option>' for value, label in choices))
