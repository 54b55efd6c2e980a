"""Serving Wagtail pages with their route remembered per content version (issues 13 and 23; docs/caching.md,
docs/speed.md).

Wagtail's `serve` view routes every request from scratch: the site for the host, the active locale, the home
page in that locale, then two queries per path segment down the tree, then the view restrictions of the page
and its ancestors. On this machine each ORM query costs 1–2.5 ms of CPU, most of it building the SQL, so a blog
post spent two thirds of its uncached time on those lookups. Where a request ends up depends only on the host,
the language, the address and the page tree, and every change to the tree, to sites, locales or view
restrictions renews the content version (core.cache.invalidate). So this view, which takes Wagtail's place at
the same address and URL name (`wagtail_serve`, config/urls.py), remembers per content version, host, language
and address which page answered and which segments were left for it (a routable page's sub-address, e.g.
idee/ID-2026-00001/), and the ids of the view restrictions that apply to it. Later requests take that page as it
was published from the cache, let it route the rest itself, and run Wagtail's `before_serve_page` and
`on_serve_page` hooks and `serve()` exactly as Wagtail's view does; the restriction check (Wagtail's own hook)
reads the remembered ids through `RememberedViewRestrictions.get_view_restrictions`, the override of the page
method it calls. An address no page answers (404) is never remembered; previews never come here.

Only public APIs: Wagtail's `Page.route_for_request`, `Page.route`, `Page.get_view_restrictions`, its hooks
registry, and Django's cache through core.cache.chrome.
"""

import pickle

from django.apps import apps
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site

from core.cache import chrome


def serve(request, path):
    page, args, kwargs = _route(request, path)
    on_serve_chain = _serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


def _serve_chain(page, request, args, kwargs):  # as wagtail.views.serve_chain (not importable while models load)
    return page.serve(request, *args, **kwargs)


def _route(request, path):
    walked = []

    def walk():
        result = Page.route_for_request(request, path)  # Wagtail's own walk; None for an address it does not know
        if result is None:
            return None
        walked.append(result)
        page = result[0]
        home = Site.find_for_request(request).root_page  # found (and kept on the request) by the walk just now
        components = [component for component in path.split("/") if component]
        label = page._meta.label_lower
        chrome(request, "page", lambda: _pickled(page), label, page.pk)  # loaded anyway: keep it now
        restrictions = list(Page.get_view_restrictions(page).values_list("pk", flat=True))
        return label, page.pk, components[page.depth - home.depth:], restrictions

    found = chrome(request, "route", walk, get_language(), path, keep_none=False)
    if found is None:
        raise Http404
    if walked:
        page, args, kwargs = walked[0]
    else:
        label, page_id, remaining, restrictions = found
        page, args, kwargs = _published_page(request, label, page_id).route(request, list(remaining))
    page.remembered_view_restrictions = found[3] if page.pk == found[1] else None
    return page, args, kwargs


class RememberedViewRestrictions:
    """Mixin for every page type: the restriction check reads the ids `serve` remembered for this page."""

    remembered_view_restrictions = None

    def get_view_restrictions(self):
        ids = self.remembered_view_restrictions
        if ids is None:
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


def _published_page(request, label, page_id):
    """The live page as it was published, as a fresh object for each request.

    A page's row changes only by a save (also a draft's), a publish, unpublish, move or delete, and each of those
    renews the content version this entry is keyed by. Kept pickled, so that each request unpickles its own
    instance (views may set attributes on the page they serve; no request sees another's). Its address is worked
    out before pickling, so `page.url` needs no cache round trip either."""
    pickled = chrome(request, "page", lambda: _pickled(apps.get_model(label)._default_manager.get(pk=page_id)),
                     label, page_id)
    return pickle.loads(pickled)  # noqa: S301 - bytes we pickled ourselves


def _pickled(page):
    page.url  # noqa: B018 - remembers the site root paths on the instance, pickled with it
    return pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)


def public_pages(queryset, request):
    """`queryset.public()` (Wagtail's: no page in a restricted section) without its query for the view
    restrictions on every request: the restricted pages' paths and depths come from the cache per content version,
    which every change of a restriction and every move renews. The same condition, built with the queryset's own
    `descendant_of_q`."""
    from types import SimpleNamespace

    from django.db.models import Q

    restricted = chrome(request, "restricted-sections", lambda: sorted(set(
        PageViewRestriction.objects.values_list("page__path", "page__depth"))))
    if not restricted:
        return queryset
    private = Q()
    for path, depth in restricted:
        private |= queryset.descendant_of_q(SimpleNamespace(path=path, depth=depth), inclusive=True)
    return queryset.exclude(private)
