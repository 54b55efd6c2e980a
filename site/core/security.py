"""Content-Security-Policy with a fresh nonce per request, and Permissions-Policy, on every response.

Django 5.2 has no CSP of its own and django-csp is not installed; this middleware is small enough to own.
The policies are dictionaries in settings (config/settings/part_security.py): CONTENT_SECURITY_POLICY for
the site, CONTENT_SECURITY_POLICY_ADMIN under CSP_ADMIN_PATH_PREFIXES. Templates give every inline
<script> the attribute nonce="{{ request.csp_nonce }}".
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings

NONCE = "'nonce'"  # the placeholder in the settings' source lists


def tile_source(url):
    """The origin of the map's tiles for img-src, or None when they come from this site (or nowhere).
    A "{s}" subdomain placeholder (a.tile…, b.tile…) becomes the wildcard "*."."""
    parts = urlsplit((url or "").replace("{s}.", "__sub__."))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.replace("__sub__.", "*.")
    return f"{parts.scheme}://{host}"


def build_policy(directives, nonce, extra_images=()):
    parts = []
    for name, sources in directives.items():
        values = [f"'nonce-{nonce}'" if source == NONCE else source for source in sources]
        if name == "img-src":
            values += [source for source in extra_images if source not in values]
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def policy_for(request):
    admin = any(request.path.startswith(prefix) for prefix in settings.CSP_ADMIN_PATH_PREFIXES)
    directives = settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
    tiles = tile_source(getattr(settings, "MAP_TILE_URL", ""))
    return build_policy(directives, request.csp_nonce, [tiles] if tiles else [])


def remember_nonce(request, response):
    """Before a response is cached (core/cache.py): note the nonce its HTML carries."""
    response.csp_rendered_nonce = getattr(request, "csp_nonce", None)


def renew_nonce(request, response):
    """A page from the cache carries the nonce of the request that rendered it: swap in this request's, so
    no two visitors ever see the same nonce. A nonce is 128 random bits: it cannot occur by chance."""
    old, new = getattr(response, "csp_rendered_nonce", None), getattr(request, "csp_nonce", None)
    if old and new and old != new:
        response.content = response.content.replace(old.encode(), new.encode())
        response.csp_rendered_nonce = new
    return response


class SecurityHeadersMiddleware:
    """Sits right after Django's SecurityMiddleware, so every response gets the headers: pages, errors,
    redirects, cached pages, static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        # With DEBUG on (local runs only), Django's own error pages bring inline styles and scripts.
        if not (settings.DEBUG and response.status_code >= 400):
            response.setdefault("Content-Security-Policy", policy_for(request))
        response.setdefault(
            "Permissions-Policy", ", ".join(f"{name}={allow}" for name, allow in settings.PERMISSIONS_POLICY.items())
        )
        return response


def client_ip(request):
    """The visitor's address for per-IP rate limits.

    X-Forwarded-For is only believed as far as our own proxies wrote it: each proxy appends the address it
    received the request from, so with TRUSTED_PROXY_COUNT = n the n-th entry from the right is the visitor.
    Entries further left come from the client and could be anything (a made-up address per request would
    otherwise escape every limit). Without a trusted proxy the socket's address counts (the same rule as
    allauth's ALLAUTH_TRUSTED_PROXY_COUNT, which is set from the same setting)."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if hops:
            return hops[-min(count, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
