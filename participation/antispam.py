"""Abuse protection for public forms: a honeypot, a minimum fill time and rate limits.

Each check returns a message a person can act on, or None.
"""

import time

from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.security import client_ip  # noqa: F401 - used here and by callers that import it from here

HONEYPOT_FIELD = "website"
MIN_FILL_SECONDS = 3
SUBMISSIONS_PER_HOUR = {"ip": 10, "user": 5}
_SALT = "participation.form-started"


def form_started_token():
    return signing.dumps(time.time(), salt=_SALT)


def check_form(data):
    if data.get(HONEYPOT_FIELD):
        return _("Your entry could not be saved. Please leave the field “Website” empty.")
    try:
        started = signing.loads(data.get("form_started", ""), salt=_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return _("The form has expired. Please check your entries and send it again.")
    if time.time() - float(started) < MIN_FILL_SECONDS:
        return _("That was very fast. Please check your entries and send the form again.")
    return None




def check_rate_limit(request, action):
    """Count this attempt; refuse once the hourly limit per IP or account is reached."""
    keys = [("ip", client_ip(request))]
    if request.user.is_authenticated:
        keys.append(("user", str(request.user.pk)))
    for kind, value in keys:
        key = f"ratelimit:{action}:{kind}:{value}:{int(time.time() // 3600)}"
        cache.add(key, 0, timeout=3600)
        if cache.incr(key) > SUBMISSIONS_PER_HOUR[kind]:
            return _("You have sent many entries in a short time. Please try again in an hour, or call us.")
    return None
