"""Anonymous page responses served from the cache, invalidated whenever content is published.

Only Wagtail pages are cached (they carry no CSRF token or personal content for anonymous
visitors), only for requests without a session, only with status 200. Every publish,
unpublish, move or delete of a page, and every change to a snippet or to a model a feature
app names (`invalidate_on_change`), bumps one version number once the change is committed;
cached entries of older versions are never read again. Listings on other pages therefore never
show stale posts. An external cache in front (Varnish, nginx) is purged by Wagtail's frontend-cache app when
FRONTEND_CACHE_URL is set (see settings).
"""

import functools
import hashlib
import os
import secrets
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.security import remember_nonce, renew_nonce

VERSION_KEY = "pagecache:version"

# Cookies that change how a page looks for its visitor (the display preferences of the accessibility app):
# each normalised value gets its own cache entry. Feature apps register theirs in AppConfig.ready(); the
# normaliser maps any value to one of a few, so a client cannot fill the cache with made-up values.
vary_cookies = {}


def vary_on_cookie(name, normalise):
    vary_cookies[name] = normalise


# Models that are neither pages nor snippets but show on cached pages (e.g. an opportunity's next date on its
# project page): a change to any of them empties the cache too. Feature apps register theirs in ready().
content_models = set()


def invalidate_on_change(model):
    content_models.add(model)


def renews_pages(model):
    """Does a saved or deleted row of `model` renew the content version (and so every cached page and frame)?
    Pages, snippets, the footer settings, sites, locales, view restrictions and images (pages show their
    alternative texts), and what feature apps registered with `invalidate_on_change`. A test renders every
    cached page type and checks that each model it reads is one of these (tests/core/test_cache_registry.py)."""
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    from core.models import CustomImage, FooterSettings, Municipality

    return (issubclass(model, Page) or model in get_snippet_models() or model in content_models
            or model in (FooterSettings, Municipality, Site, Locale, PageViewRestriction, CustomImage))


def _fresh_version():
    # A new number that no earlier version had, even after the cache was emptied (a Redis restart, a test's
    # cache.clear()): the processes' own copies (chrome() below) are keyed by version and must never be
    # read for content they were not made from. Counting up from a random 60-bit start cannot meet an
    # earlier run (a clock would repeat itself under tests that freeze time).
    return secrets.randbits(60)


@functools.cache
def code_version():
    """A hash of the deployed code, templates and translations (16 ms, once per process), part of every key
    below: after a deploy, cached pages and frame data made by the old code (HTML from old templates, data
    in an old shape) are never read by the new one, even though the content version did not change."""
    digest = hashlib.sha256()
    for folder in ("site", "participation", "volunteering", "blog", "accessibility"):
        for path, folders, files in os.walk(settings.PROJECT_ROOT / folder):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".html", ".txt", ".mo")):
                    digest.update(f"{os.path.relpath(path, settings.PROJECT_ROOT)}/{name}:".encode())
                    with open(os.path.join(path, name), "rb") as file:
                        digest.update(file.read())
    return digest.hexdigest()[:12]


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


# Other version numbers a feature app keeps in the cache (e.g. participation's ideas version): read in the same
# round trip as the content version, once per request (`request_versions`), instead of one read each.
version_keys = []


def read_along(key):
    if key not in version_keys:
        version_keys.append(key)


def request_versions(request):
    """{key: version} for the content version and every key registered with read_along(), read once."""
    versions = getattr(request, "_versions", None)
    if versions is None:
        versions = cache.get_many([VERSION_KEY, *version_keys])
        for key in (VERSION_KEY, *version_keys):
            if versions.get(key) is None:
                cache.add(key, _fresh_version(), timeout=None)
                versions[key] = cache.get(key)
        request._versions = versions
        request._content_version = versions[VERSION_KEY]
    return versions


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def invalidate(**kwargs):
    """A change to content: renew the content version once the change is committed. Renewed inside the
    transaction, a request between the save and the commit would read the new version with the old rows and
    keep the old content under the new version (the page frame for 24 hours); renewed after the commit, every
    entry under the new version is made from committed content. Outside a transaction it runs at once."""
    transaction.on_commit(_bump)


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: this response is a page and may be cached,
    unless its type says otherwise (`cache_anonymous = False`, e.g. pages with forms)."""
    request._page_cacheable = getattr(page, "cache_anonymous", True)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _key(self, request):
        variant = "".join(
            f":{name}={normalise(request.COOKIES.get(name, ''))}" for name, normalise in sorted(vary_cookies.items())
        )
        request_versions(request)
        address = f"{request.get_host()}:{request.get_full_path()}{variant}"
        # Hashed: an address can be longer than a cache key may be (memcached's 250 characters).
        return f"pagecache:{code_version()}:{request._content_version}:{hashlib.sha256(address.encode()).hexdigest()}"

    def __call__(self, request):
        eligible = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and settings.PAGE_CACHE_SECONDS > 0
        )
        if not eligible:
            return self.get_response(request)
        key = self._key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return renew_nonce(request, cached)
        response = self.get_response(request)
        if (
            getattr(request, "_page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            remember_nonce(request, response)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


CHROME_SECONDS = 24 * 60 * 60
# Each process also keeps the latest entries in memory: a key holds the content version, so an entry can never
# be stale, and a page needs one cache round trip (the version) instead of one per piece (measured: 8 Redis
# reads cost a busy worker about as much as the page-tree queries they replaced).
LOCAL_ENTRIES = 2000
_local = OrderedDict()


def chrome(request, name, compute, *parts, keep_none=True):
    """Data for the site's frame (menus, footer links, language links, hreflang alternates) from the cache.

    Every visitor of a page needs the same few page-tree lookups for the frame around it; uncached they were a
    third of a blog post's time (profiled for issue 13, docs/speed.md). The entries are keyed by the content
    version, so any publish, move, delete or snippet/settings change (the same events that clear the page
    cache) makes them be computed again; also by host (URLs), language and whatever else the caller passes.
    Only plain data goes in (titles, URLs, ids), never HTML with a nonce or anything personal; previews skip it."""
    if getattr(request, "is_preview", False):
        return compute()  # an editor's preview shows the draft, never what the cache holds
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request_versions(request)[VERSION_KEY]
    detail = hashlib.sha256(":".join([request.get_host(), *map(str, parts)]).encode()).hexdigest()[:32]
    key = f"chrome:{code_version()}:{version}:{name}:{detail}"  # short and plain whatever the address holds
    stored = _local.get(key)
    if stored is None:
        stored = cache.get(key)  # a 1-tuple, so that None and empty values are cached too
        if stored is None:
            stored = (compute(),)
            if stored[0] is None and not keep_none:
                return None  # e.g. an address that routes nowhere: made-up URLs must not fill the cache
            cache.set(key, stored, CHROME_SECONDS)
        _local[key] = stored
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return stored[0]
