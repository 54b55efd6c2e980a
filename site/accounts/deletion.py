"""Deleting an account: personal data erased, contributions kept without a name, other devices logged out.

The User row stays as a tombstone (email ``deleted-<random>@deleted.invalid``, no name, unusable password,
inactive, ``deleted_at`` set), so ideas and comments keep an author that templates show as "deleted account",
and past volunteering hours still count for the organisations. Everything runs in one transaction that
locks the user's row first; mails go out after commit. Inactive accounts are warned and then deleted the
same way (``retire_inactive_accounts``, Celery beat).
"""

import logging
import uuid
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.models import ConsentRecord
from core import registry
from core.links import absolute
from core.models import OutgoingEmail

logger = logging.getLogger(__name__)

TOMBSTONE_DOMAIN = "deleted.invalid"  # RFC 2606: can never receive mail, so never a login or a reset link


def tombstone_email():
    return f"deleted-{uuid.uuid4().hex}@{TOMBSTONE_DOMAIN}"


def end_sessions(user_id):
    """Log the person out everywhere: delete every stored session that belongs to the account. (Changing the
    password hash already invalidates them; this removes the rows too.) Sessions in signed cookies cannot be
    reached from the server, which is why the password hash changes as well."""
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE not in ("django.contrib.sessions.backends.db",
                                       "django.contrib.sessions.backends.cached_db"):
        return 0
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            engine.SessionStore(session.session_key).delete()
            ended += 1
    return ended


def _mail(subject, template, email, context, language):
    with translation.override(language):
        send_mail(str(subject), render_to_string(template, context), None, [email])


def delete_account(user, reason="self", language=None, now=None, only_if=None):
    """Erase a person's personal data and keep their contributions anonymously. Safe twice: a tombstone is
    left as it is. ``only_if(user)`` is checked under the row's lock. Returns False when nothing was deleted."""
    from allauth.account.models import EmailAddress

    now = now or timezone.now()
    language = language or settings.LANGUAGE_CODE
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user.pk).first()  # first: signup.py's lock order
        if user is None or user.is_deleted or (only_if is not None and not only_if(user)):
            return False
        old_email = user.email
        for erase in registry.account_erasers:
            erase(user, now)
        personal_data.delete_for(user)
        ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=now)
        ConsentRecord.objects.filter(user=user).update(email="")
        EmailAddress.objects.filter(user=user).delete()
        _delete_other_allauth_rows(user)
        user.groups.clear()
        user.user_permissions.clear()
        # Mails already sent to the address hold names and contents; unsent ones are dropped too.
        OutgoingEmail.objects.filter(recipients=[old_email]).delete()
        user.email = tombstone_email()
        user.first_name = user.last_name = user.display_name = user.language = ""
        user.set_unusable_password()  # changes the session hash: every other device is logged out
        user.is_active = user.is_staff = user.is_superuser = False
        user.deleted_at, user.inactivity_warned_at = now, None
        user.save()
        user_id = user.pk
        transaction.on_commit(lambda: end_sessions(user_id))
        if old_email and not old_email.endswith(".invalid"):
            template = "accounts/mail/deleted.txt" if reason == "self" else "accounts/mail/deleted_inactive.txt"
            transaction.on_commit(lambda: _mail(_("Your account has been deleted"), template, old_email, {},
                                                language))
        transaction.on_commit(_invalidate_page_cache)
    logger.info("Account %s deleted (%s)", user_id, reason)
    return True


def _delete_other_allauth_rows(user):
    """Second factors and similar rows of allauth apps, if the site uses them."""
    from django.apps import apps

    for label, model in (("mfa", "Authenticator"), ("usersessions", "UserSession")):
        if apps.is_installed(f"allauth.{label}"):
            apps.get_model(label, model).objects.filter(user=user).delete()


def _invalidate_page_cache():
    from core.cache import invalidate

    invalidate()  # cached idea pages still show the old name


# --- inactive accounts ---------------------------------------------------------------------------------------


def _retirable():
    """Accounts the retention may touch: not staff, not deleted, with a password (people registered at the
    volunteer desk have none: they never log in, and coordinators look after their accounts)."""
    return (get_user_model().objects.filter(is_staff=False, is_superuser=False, deleted_at__isnull=True)
            .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .annotate(last_seen=Coalesce("last_login", "date_joined")))


def warn_inactive(now=None):
    """Mail every account unused for INACTIVE_ACCOUNT_WARN_DAYS once. Safe twice: the marker
    ``inactivity_warned_at`` is checked and set under the row's lock."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INACTIVE_ACCOUNT_WARN_DAYS)
    deletion_day = now + timedelta(days=settings.INACTIVE_ACCOUNT_GRACE_DAYS)
    warned = 0
    for user_id in _retirable().filter(last_seen__lt=cutoff, inactivity_warned_at__isnull=True).values_list(
            "pk", flat=True):
        with transaction.atomic():
            user = _retirable().select_for_update().filter(
                pk=user_id, last_seen__lt=cutoff, inactivity_warned_at__isnull=True).first()
            if user is None:
                continue
            user.inactivity_warned_at = now
            user.save(update_fields=["inactivity_warned_at"])
            if not user.email.endswith(".invalid"):
                context = {"deletion_day": timezone.localtime(deletion_day),
                           "years": settings.INACTIVE_ACCOUNT_WARN_DAYS // 365,
                           "url": absolute(reverse("account_login"))}
                _mail(_("Your account will be deleted unless you sign in"), "accounts/mail/inactive_warning.txt",
                      user.email, context, settings.LANGUAGE_CODE)  # stored now, sent after commit
            warned += 1
    return warned


def delete_warned(now=None):
    """Delete accounts warned INACTIVE_ACCOUNT_GRACE_DAYS ago that have not logged in since. Safe twice: a
    deleted account is a tombstone, which the query skips."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INACTIVE_ACCOUNT_GRACE_DAYS)
    due = _retirable().filter(inactivity_warned_at__lte=cutoff).filter(
        Q(last_login__isnull=True) | Q(last_login__lt=F("inactivity_warned_at")))

    def still_due(user):  # a login clears the marker (forget_warning_on_login)
        return (user.inactivity_warned_at is not None and user.inactivity_warned_at <= cutoff
                and not user.is_staff and not user.is_superuser
                and (user.last_login is None or user.last_login < user.inactivity_warned_at))

    deleted = 0
    for user in due:
        if delete_account(user, reason="inactive", now=now, only_if=still_due):
            deleted += 1
    return deleted


def forget_warning_on_login(sender, request, user, **kwargs):
    """Signal receiver: whoever logs in after the warning keeps the account."""
    if getattr(user, "inactivity_warned_at", None) is not None:
        get_user_model().objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
