"""Production: fails fast without a secret and hosts; passes `manage.py check --deploy` cleanly."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names (comma-separated).")
if not BASE_URL.startswith(("https://", "http://")):  # noqa: F405
    # Links in mails, PDFs and feeds would otherwise point at a developer's machine.
    raise ImproperlyConfigured("Set BASE_URL to the site's public address, e.g. https://mitgestalten.luebeck.de.")

# HTTPS everywhere. Behind a TLS-terminating proxy, it must set X-Forwarded-Proto.
# https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True  # cookies never travel over plain HTTP
CSRF_COOKIE_SECURE = True
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
