"""The one abuse check of the public forms (ideas, comments, "anyone" surveys, barrier reports): a honeypot, a
minimum fill time and the rate limit (core.ratelimit), in that order and before anything costly happens (an image
decoded, a file or a row written, a mail sent). The honeypot field itself is `honeypot_field()`, hidden by CSS
(`.honeypot`) and skipped by the keyboard.

`check` answers None, a Problem (shown with the form's own errors) or a core.ratelimit.Refusal (shown in a block
of its own, `limited_context`, with HTTP 429). Both have `message` and `limited`.
"""

import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import ratelimit

HONEYPOT_FIELD = "website"
MIN_FILL_SECONDS = 3
_SALT = "participation.form-started"
FROM_FORM = object()  # check(started=...): the signed start time the form carries (form_started_token)


@dataclass(frozen=True)
class Problem:
    """Refused by the honeypot or the fill time: shown with the form's errors, as any other mistake."""

    message: str
    limited = False


def honeypot_field():
    """The field people leave empty and simple bots fill in (`HONEYPOT_FIELD`); templates wrap it in a
    `.honeypot` block hidden from sight and from screen readers."""
    return forms.CharField(label=gettext_lazy("Website"), required=False, max_length=200,
                           help_text=gettext_lazy("Leave this field empty."),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))


def form_started_token():
    return signing.dumps(time.time(), salt=_SALT)


def check(request, action=None, *, email=None, started=FROM_FORM):
    """Check a POST to a public form and count it against the rate limit of `action` (None: no limit).
    `email`: the address a guest gave. `started`: when the form was started, as a datetime (e.g. a survey
    response's start), FROM_FORM for the form's signed token, or None for no minimum fill time."""
    if request.POST.get(HONEYPOT_FIELD):
        return Problem(_("Your entry could not be saved. Please leave the field “Website” empty."))
    if started is FROM_FORM:
        try:
            started = float(signing.loads(request.POST.get("form_started", ""), salt=_SALT, max_age=60 * 60 * 24))
        except signing.BadSignature:
            return Problem(_("The form has expired. Please check your entries and send it again."))
    elif started is not None:
        started = started.timestamp()
    if started is not None and time.time() - started < MIN_FILL_SECONDS:
        return Problem(_("That was very fast. Please check your entries and send the form again."))
    return ratelimit.consume(request, action, email=email) if action else None


def limited_context(refusal, **extra):
    """What core/includes/rate_limited.html needs: the refusal and whom to contact instead."""
    return {"limited": refusal, "contact_email": settings.PARTICIPATION_CONTACT_EMAIL,
            "contact_phone": settings.PARTICIPATION_CONTACT_PHONE, **extra}


def limited_text(refusal):
    """The refusal as one line (for a message shown after a redirect)."""
    contact = settings.PARTICIPATION_CONTACT_PHONE or settings.PARTICIPATION_CONTACT_EMAIL
    return _("%(message)s It cannot wait? Please contact us: %(contact)s.") % {
        "message": refusal.message, "contact": contact}
