"""Display preferences (larger text, high contrast, reduced motion), kept in one cookie the visitor sets.

The cookie is written only when the visitor saves the display form, never before. base.html puts one class
per chosen mode on <html> (`display-large`, `display-contrast`, `display-still`); site.css styles them. The
anonymous page cache keeps one entry per combination (core.cache.vary_on_cookie, registered in apps.py), so
a cached page never carries another visitor's preferences. A per-visitor stylesheet was tried instead: it
costs a request to the site on every page view, because browsers reuse a cached stylesheet despite
`Vary: Cookie`.
"""

from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "display"
COOKIE_MAX_AGE = 365 * 24 * 3600
MODES = {
    "large": _("Larger text"),
    "contrast": _("High contrast"),
    "still": _("Reduced motion"),
}


def parse(value):
    """The chosen modes in a fixed order; anything unknown in the cookie is ignored."""
    chosen = set((value or "").split("."))
    return [mode for mode in MODES if mode in chosen]


def cookie_value(modes):
    return ".".join(mode for mode in MODES if mode in modes)


def normalise(value):
    """The cookie as the page cache keys it: one of eight values, whatever the client sends."""
    return cookie_value(parse(value))


def modes_from_cookie(request):
    return parse(request.COOKIES.get(COOKIE_NAME))


def html_classes(request):
    return " ".join(f"display-{mode}" for mode in modes_from_cookie(request))
