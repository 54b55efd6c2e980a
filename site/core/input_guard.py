"""The one place that refuses request values the database cannot store: a 400, before any view runs.

PostgreSQL's text types cannot hold a NUL character, and no database can store half of a UTF-16 surrogate
pair. Without this guard, `?q=a%00b`, a NUL in a path segment or a form field, or a session cookie with an
escaped NUL ("\\000", which Python's cookie parser decodes) reached the first query that used it and
answered 500. Checking the few places where such text enters (the path, the query string, form fields
and cookies) is one check instead of one per view. Invalid UTF-8 (%ff, %ed%a0%80) needs no check here:
Django decodes it to U+FFFD in query strings and forms and keeps it percent-encoded in the path.
Uploaded files' names are cleaned by Django's multipart parser (only printable characters remain);
JSON bodies reach no public view.
"""

import re

from django.core.exceptions import BadRequest

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(pairs):
    return any(UNSTORABLE.search(key) or UNSTORABLE.search(value) for key, value in pairs)


def _values(querydict):
    return ((key, value) for key, values in querydict.lists() for value in values)


def refused_part(request):
    """Which part of the request holds a value the database cannot store ("path", "query", "form",
    "cookie"), or None."""
    if UNSTORABLE.search(request.path_info):
        return "path"
    if _unstorable(_values(request.GET)):
        return "query"
    if _unstorable(request.COOKIES.items()):
        return "cookie"
    # request.POST is parsed only for form bodies (urlencoded, multipart); Django's CSRF check reads it a
    # moment later anyway, and request.body stays readable for urlencoded bodies.
    if request.method == "POST" and _unstorable(_values(request.POST)):
        return "form"
    return None


class UnstorableInputMiddleware:
    """Sits after LocaleMiddleware, so the 400 page (core.views.bad_request) is in the visitor's language,
    and before everything that reads the session, routes to a page or runs a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        part = refused_part(request)
        if part is not None:
            raise BadRequest(f"The request's {part} holds a character the database cannot store (NUL or a "
                             "lone surrogate).")
        return self.get_response(request)
