"""Wagtail's page routing from the cache (issue 13, docs/speed.md).

Routing a request walks the page tree: the site (a query with a CASE over host names), the localized home,
then one or two queries per path segment; for a blog post that was 40 % of its time. The walk's outcome
depends only on the page tree, which changes only through the events that bump the content version
(core.cache.invalidate: publish, unpublish, move, delete, and saves of Site, Locale and view restrictions).
So the first request for an address walks the tree as Wagtail does and remembers which page answered and
which path segments were left for the page itself (a routable page's sub-address, e.g. idee/ID-2026-00001/);
later requests take that page from the cache too (`_published_page`: no query) and let it route the rest
itself. Anything unusual (no site, a 404, a preview) takes Wagtail's own path. View restrictions are still
checked for every visitor, hooks and `serve` are untouched: only the tree walk and the restriction lookup are
skipped.
"""

import pickle

from django.apps import apps
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core.cache import chrome


def _site(request):
    host, port = request._get_raw_host(), request.get_port()
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = chrome(request, "site", lambda: Site._find_for_request(request), host, port)
    return request._wagtail_site


def _walk(request, path):
    """Wagtail's own routing; returns what to remember: (model label, page id, segments left for the page)."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page = result[0]
    root = request._wagtail_site.root_page
    components = [component for component in path.split("/") if component]
    consumed = page.depth - root.depth
    if consumed < 0 or consumed > len(components):
        return None
    label = page._meta.label_lower
    # The page just loaded is what the next requests will take from the cache: keep it now, not a query later.
    chrome(request, "page", lambda: _pickled(page), label, page.pk)
    return label, page.pk, components[consumed:]


def _published_page(request, label, page_id):
    """The live page as it was published, as a fresh object for each request.

    A page's row changes only by a save (also a draft's), a publish, unpublish, move or delete, and each of
    those renews the content version this entry is keyed by (core/apps.py, core.cache). Kept pickled, so that
    each request unpickles its own instance (about 0.05 ms instead of a query of about 1 ms): views may set
    attributes on the page they serve, and no request sees another's. The page's address is worked out
    before pickling, so `page.url` needs no cache round trip either."""
    pickled = chrome(request, "page", lambda: _pickled(apps.get_model(label)._default_manager.get(pk=page_id)),
                     label, page_id)
    return pickle.loads(pickled)  # noqa: S301 - bytes we pickled ourselves


def _pickled(page):
    page.url  # noqa: B018 - remembers the site root paths on the instance, pickled with it
    return pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)


class KnownRestrictions(list):
    """Stands in for Page.get_view_restrictions on a routed page: returns the restrictions read from the cache.
    A class, not a lambda, so the page can still be pickled (it may end up inside other cached data)."""

    def __call__(self):
        return self


class PageRouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or getattr(request, "is_preview", False):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if _site(request) is None:
            return None
        remembered = chrome(request, "route", lambda: _walk(request, path), translation.get_language(), path,
                            keep_none=False)
        if remembered is None:
            return None  # not found: Wagtail walks and answers 404 itself
        if not hasattr(request, "_wagtail_route_for_request"):  # else just walked by Wagtail in _walk
            label, page_id, remaining = remembered
            try:
                page = _published_page(request, label, page_id)
                request._wagtail_route_for_request = page.route(request, list(remaining))
            except (LookupError, Page.DoesNotExist, Http404):
                return None  # let Wagtail walk the tree and decide
        result = request._wagtail_route_for_request
        if result is not None:
            # Wagtail's view-restriction check asks for the restrictions of the page and its ancestors (two
            # queries); which restrictions apply is part of the tree too (PageViewRestriction changes renew the
            # version, core/apps.py). Each restriction still checks the visitor itself (password, sign-in, groups).
            page = result[0]
            restrictions = chrome(request, "restrictions", lambda: list(page.get_view_restrictions()), page.pk)
            page.get_view_restrictions = KnownRestrictions(restrictions)
        return None
