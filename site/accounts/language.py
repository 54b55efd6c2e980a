"""The language a person's mails are written in.

Mails sent during a request follow the page the person is on. Mails the worker sends later (a reminder
three days before a shift, an offer from the waiting list, the weekly digest) have no page: they use the
language the person last used the site in, remembered at sign-up and at every sign-in, else German.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation


def mail_language(user):
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def remember_language(sender, request, user, **kwargs):
    """Signal receiver (sign-up, sign-in): the language of the page the person used."""
    language = translation.get_language()
    if user is None or user.pk is None or language not in dict(settings.LANGUAGES) or user.language == language:
        return
    get_user_model().objects.filter(pk=user.pk).update(language=language)
    user.language = language
