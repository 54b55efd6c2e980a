"""Mails about ideas, in the language the idea was written in, each with an unsubscribe link.

Sent through Django's mail API, so core.mail stores them in the transaction and the Celery
worker sends them after commit.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from core import links

_UNSUBSCRIBE_SALT = "participation.unsubscribe"
_CONFIRM_SALT = "participation.confirm-idea"


def confirm_token(idea):
    return signing.dumps(idea.pk, salt=_CONFIRM_SALT)


def idea_from_confirm_token(token):
    # Valid as long as an unconfirmed idea is kept (participation.ideas.retention): no link outlives its idea.
    return signing.loads(token, salt=_CONFIRM_SALT, max_age=settings.GUEST_SUBMISSION_RETENTION_DAYS * 86400)


def unsubscribe_token(idea):
    return signing.dumps(idea.pk, salt=_UNSUBSCRIBE_SALT)


def idea_from_unsubscribe_token(token):
    return signing.loads(token, salt=_UNSUBSCRIBE_SALT)


def recipient(idea):
    if idea.author_id and idea.author.email:
        return idea.author.email
    return idea.contact_email


def _absolute(idea, path):
    return links.absolute(path, site=idea.process.get_site())


def process_url(idea):
    return _absolute(idea, idea.process.url)


def unsubscribe_url(idea):
    """The link in every mail about `idea` that stops its updates."""
    return _absolute(idea, idea.process.url + idea.process.reverse_subpage("unsubscribe", args=[idea.reference])
                     + "?" + urlencode({"token": unsubscribe_token(idea)}))


def send_idea_mail(idea, kind, **extra):
    """kind: received, confirm, status, answer. Does nothing without an address or after unsubscribing."""
    address = recipient(idea)
    if not address or (kind not in {"confirm", "received"} and not idea.notify):
        return False
    process_url = idea.process.url
    context = {
        "idea": idea,
        "idea_url": _absolute(idea, idea.get_absolute_url()),
        "lookup_url": _absolute(idea, f"/{idea.language}/vorgang/?reference={idea.receipt_number}"),
        "unsubscribe_url": unsubscribe_url(idea),
        **extra,
    }
    if kind == "confirm":
        context["confirm_days"] = settings.GUEST_SUBMISSION_RETENTION_DAYS
        context["confirm_url"] = _absolute(
            idea, process_url + idea.process.reverse_subpage("confirm_idea", args=[idea.reference])
            + "?" + urlencode({"token": confirm_token(idea)})
        )
    with translation.override(idea.language):
        subject = render_to_string(f"ideas/mail/{kind}_subject.txt", context).strip()
        body = render_to_string(f"ideas/mail/{kind}.txt", context)
    send_mail(subject, body, None, [address])
    return True


_SUPPORT_SALT = "participation.guest-support"


def support_token(idea, email):
    return signing.dumps({"idea": idea.pk, "email": email.lower()}, salt=_SUPPORT_SALT)


def support_from_token(token, max_age=60 * 60 * 24 * 7):
    return signing.loads(token, salt=_SUPPORT_SALT, max_age=max_age)


def send_support_confirmation(idea, email):
    """A guest's support counts once they click this link (one support per confirmed address)."""
    url = _absolute(idea, idea.process.url + idea.process.reverse_subpage("confirm_support", args=[idea.reference])
                    + "?" + urlencode({"token": support_token(idea, email)}))
    context = {"idea": idea, "confirm_url": url, "idea_url": _absolute(idea, idea.get_absolute_url())}
    with translation.override(translation.get_language() or idea.language):
        subject = render_to_string("ideas/mail/support_subject.txt", context).strip()
        body = render_to_string("ideas/mail/support.txt", context)
    send_mail(subject, body, None, [email])
