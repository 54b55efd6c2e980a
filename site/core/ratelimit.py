"""The one rate limiter of the site's own public forms (ideas, comments, guest supports, surveys, barrier reports,
the receipt lookup): a sliding window per action and subject, with the limits of settings.RATE_LIMITS.

Subjects, the most personal first: the signed-in account, the email address a guest gives, the client address.
The limits per person are tight, those per address high enough for the many people behind one address (a
Bürgerbüro, a library, an event's Wi-Fi): config/settings/part_abuse.py has the figures and why.

The window is allauth's (allauth.core.internal.ratelimit; sign-in and password reset use it through
ACCOUNT_RATE_LIMITS): the times of the allowed attempts lie in the cache, an attempt is refused while `amount` of
them fall within the last `period`, and the entries change only under a cache lock. The keys are ours: allauth
counts one subject per call and reads the client address its own way, here one attempt counts against every
subject at once and the address is core.security.client_ip's. A refused attempt counts nowhere, so whoever waits
gets in again as the window moves on, without waiting for the next clock hour.
"""

import hashlib
import ipaddress
import math
import time
from contextlib import ExitStack
from dataclasses import dataclass

from allauth.core.internal.ratelimit import apply_rate, cache_lock, parse_rates
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.security import client_ip

SUBJECTS = ("account", "email", "address")


@dataclass(frozen=True)
class Refusal:
    """An attempt over a limit: which subject's, and in how many seconds the next one is allowed."""

    action: str
    subject: str
    retry_after: float
    limited = True  # as opposed to a form problem (core.antispam.Problem): shown on its own, HTTP 429

    @property
    def shared(self):
        return self.subject == "address"

    @property
    def lookup(self):
        """The action looks something up (the receipt lookup) rather than sending an entry: RATE_LIMITS' "kind"."""
        return settings.RATE_LIMITS.get(self.action, {}).get("kind") == "lookup"

    @property
    def title(self):
        if self.lookup:
            return _("Too many lookups from this network") if self.shared else _("Too many lookups in a short time")
        return _("Too many entries from this network") if self.shared else _("Too many entries in a short time")

    @property
    def reason(self):
        if self.lookup and self.shared:
            return _("Many lookups have recently come from your network, for example from a shared computer or the "
                     "Wi-Fi of an office, a library or an event. To protect residents' entries against guessing we "
                     "check no more from this network for the moment.")
        if self.lookup:
            return _("You have looked up many numbers in a short time. To protect residents' entries against "
                     "guessing we check no more for you for the moment.")
        if self.shared:
            return _("Many entries have recently come from your network, for example from a shared computer or "
                     "the Wi-Fi of an office, a library or an event. To protect the site against automated entries "
                     "we accept no more from this network for the moment.")
        return _("You have sent many entries in a short time. To protect the site against automated entries we "
                 "accept no more from you for the moment.")

    @property
    def when(self):
        minutes = max(1, math.ceil(self.retry_after / 60))
        if minutes <= 45:
            return ngettext("Please try again in about %(minutes)s minute.",
                            "Please try again in about %(minutes)s minutes.", minutes) % {"minutes": minutes}
        if minutes <= 60:
            return _("Please try again in an hour.")
        hours = math.ceil(minutes / 60)
        return ngettext("Please try again in about %(hours)s hour.",
                        "Please try again in about %(hours)s hours.", hours) % {"hours": hours}

    @property
    def message(self):
        return f"{self.reason} {self.when}"


def client_network(request):
    """The client address as the limits count it: an IPv6 address by its /64 network, as allauth does (one
    connection gets a whole /64, so single addresses could be rotated without end)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return address


def _subjects(request, email):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        yield "account", str(user.pk)
    if email and email.strip():
        yield "email", email.strip().lower()
    yield "address", client_network(request)


def _keys(request, action, email):
    """(subject, cache key, rate) for every rate of `action` that applies to this request."""
    limits = settings.RATE_LIMITS[action]
    keys = {}
    for subject, value in _subjects(request, email):
        # Hashed: addresses and email addresses do not lie readable in the cache.
        digest = hashlib.sha256(f"{subject}:{value}".encode()).hexdigest()[:32]
        for rate in parse_rates(limits.get(subject)):
            # Keyed by the period, not the amount: a changed limit applies to the attempts already counted.
            key = f"ratelimit:{action}:{subject}:{rate.duration}:{digest}"
            if key not in keys or rate.amount < keys[key][2].amount:
                keys[key] = (subject, key, rate)
    return list(keys.values())


def consume(request, action, *, email=None):
    """Count one attempt at `action` against every subject, or refuse it (a Refusal) if any subject is at its
    limit; then nothing is counted. `email`: the address a guest gave, if the action has one."""
    keys = _keys(request, action, email)
    with ExitStack() as locks:
        for subject, key, rate in sorted(keys, key=lambda entry: entry[1]):  # one order: no two wait on each other
            if not locks.enter_context(cache_lock(key)):
                # allauth's answer too: a key this busy means a flood; the attempt is refused, not waited for.
                return Refusal(action, subject, rate.duration)
        now = time.time()
        histories = {key: cache.get(key, []) for _subject, key, _rate in keys}
        for subject, key, rate in keys:
            allowed, history = apply_rate(histories[key], now, rate, dry_run=True)
            if not allowed:
                # The newest first: a slot frees when the amount-th newest attempt leaves the window.
                freed = history[rate.amount - 1] if 0 < rate.amount <= len(history) else now
                return Refusal(action, subject, freed + rate.duration - now)
        for _subject, key, rate in keys:
            _allowed, history = apply_rate(histories[key], now, rate)
            cache.set(key, history, rate.duration)
    return None
