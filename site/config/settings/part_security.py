"""Settings for issue 12 (security), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's.

Security headers of every response (core/security.py). Django 5.2 has no Content-Security-Policy of its own
and django-csp is not installed, so core.security.SecurityHeadersMiddleware builds the header from the
dictionaries below. "'nonce'" stands for this request's nonce ('nonce-…'), which templates write into every
inline <script> as {{ request.csp_nonce }}. https://developer.mozilla.org/docs/Web/HTTP/CSP
"""

# Content from other services that the embed block (core/blocks.py, ExternalMediaBlock) can show in an
# iframe, and only after the visitor presses "Load content": YouTube's privacy-enhanced player, Vimeo's
# player and OpenStreetMap's embed page. Nothing else may be framed.
CSP_EMBED_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://www.openstreetmap.org"]

# The public site: our own files only, inline scripts only with the nonce, no inline styles at all.
# The map's tile host (MAP_TILE_URL) is added to img-src by the middleware, and only when it names one.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": CSP_EMBED_HOSTS,
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# The Wagtail admin writes inline scripts (date pickers, inline panels, workflow) and inline styles, so under
# these paths the policy allows them: still no host but ours (and the map tiles, and the embeds an editor
# previews), no plugins, and the admin may frame itself (the live preview). A nonce would switch
# 'unsafe-inline' off in every browser that knows nonces, so this policy has none.
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *CSP_EMBED_HOSTS],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]

# Powerful browser features no page of ours uses (the idea map has no "locate me" button): switched off,
# also for anything a page might embed.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
}

# Django's SecurityMiddleware, the same everywhere (production.py adds HTTPS, HSTS and secure cookies).
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # other sites learn the host, never the path
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # a page we link to cannot reach back into our window
X_FRAME_OPTIONS = "DENY"  # for browsers without frame-ancestors; Wagtail's preview sets SAMEORIGIN itself

# Cookies: scripts cannot read the session, and no other site's form or link sends it along except plain
# top-level navigation (Lax). The display-preference cookie (accessibility/views.py) is set the same way.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
