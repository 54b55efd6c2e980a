"""Wagtail's page routing, remembered per content version (issues 13 and 23; docs/caching.md, docs/speed.md).

Wagtail routes a request by calling `route(request, path_components)` on the site's home page in the active
language, and each page's `route()` looks up the child named by the next segment and loads its specific row:
two queries per segment (a blog post: four, an idea's page: six). Where that walk ends depends only on the
page tree, and every change to the tree renews the content version (core.cache.invalidate: publish, unpublish,
move, delete, and saves of pages, sites and locales). So the home page's `route()` (the override Wagtail
documents for custom routing) remembers, per content version and address, which page answered and which
segments were left for it (a routable page's sub-address, e.g. idee/ID-2026-00001/); later requests take that
page, as it was published, from the cache and let it route the rest itself.

Nothing else of Wagtail's serving is touched: the site lookup, the `before_serve_page` hooks (view
restrictions, passwords, the page cache's mark) and `serve()` run as for any page. An address that routes
nowhere raises Http404 in the walk and is not remembered; previews never use this.
"""

import pickle

from django.apps import apps

from core.cache import chrome


class RememberedRoutes:
    """Mixin for the page type at the root of each language tree (core.models.HomePage)."""

    def route(self, request, path_components):
        if not path_components or getattr(request, "is_preview", False):
            return super().route(request, path_components)
        walk_the_tree = super().route
        walked = []

        def walk():
            result = walk_the_tree(request, path_components)  # Http404 for no page: nothing is remembered
            walked.append(result)
            page = result[0]
            label = page._meta.label_lower
            chrome(request, "page", lambda: _pickled(page), label, page.pk)  # loaded anyway: keep it now
            return label, page.pk, list(path_components[page.depth - self.depth:])

        label, page_id, remaining = chrome(request, "route", walk, self.pk, *path_components)
        if walked:
            return walked[0]
        return _published_page(request, label, page_id).route(request, list(remaining))


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
