"""Anonymous page responses served from the cache, invalidated whenever content is published.

Only Wagtail pages are cached (they carry no CSRF token or personal content for anonymous
visitors), only for requests without a session, only with status 200. Every publish,
unpublish, move or delete of a page, and every change to a snippet or to a model a feature
app names (`invalidate_on_change`), bumps one version number; cached entries of older versions
are never read again. Listings on other pages therefore never show stale posts. An external
cache in front (Varnish, nginx) is purged by Wagtail's frontend-cache app when
FRONTEND_CACHE_URL is set (see settings).
"""

from django.conf import settings
from django.core.cache import cache

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


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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
        return f"pagecache:{current_version()}:{request.get_host()}:{request.get_full_path()}{variant}"

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
