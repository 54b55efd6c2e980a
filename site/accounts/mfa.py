"""Two-factor authentication for staff: allauth.mfa's adapter for this site, and the middleware that keeps
staff out of every page but the setup until they have set up an authenticator app and used it in this
session. Residents are never asked (docs/staff.md "Staff sign-in")."""

from urllib.parse import urlencode

import segno
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from accounts.roles import is_staff_member

# What a staff member without a second factor may still open: the setup itself, confirming their password
# or code, their email address (allauth adds an authenticator only to a verified address) and signing out.
OPEN_URL_NAMES = {
    "mfa_index", "mfa_activate_totp", "mfa_authenticate", "mfa_reauthenticate",
    "mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_download_recovery_codes",
    "account_reauthenticate", "account_logout",
    "account_email", "account_confirm_email", "account_email_verification_sent",
    "theme_css",  # the stylesheet every page links: not a place to send anyone back to after the setup
}
# Where the staff member was going when the setup stopped them; the recovery codes page links back to it.
NEXT_SESSION_KEY = "staff_mfa_next"


def used_second_factor(request):
    """True once this session signed in (or confirmed) with a code from the app or a recovery code."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def mfa_required(user):
    return settings.STAFF_MFA_REQUIRED and is_staff_member(user)


class StaffMFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url):
        # segno draws the paper forms' QR codes already; allauth's default would need another library.
        return segno.make(url, error="m").svg_inline(scale=4, border=2)

    def can_delete_authenticator(self, authenticator):
        # Staff cannot switch the app off while it is required (residents who added one can).
        return not mfa_required(authenticator.user)


def record_setup_as_second_factor(sender, instance, created, **kwargs):
    """Setting up the app took a valid code from it: the session that did it has used its second factor.
    (On save, not on allauth's authenticator_added signal: that one comes after commit, and in tests
    after the session has been saved.)"""
    request = context.request
    if not (created and instance.type == Authenticator.Type.TOTP and request is not None):
        return
    if getattr(request, "user", None) is not None and request.user.pk == instance.user_id:
        record_authentication(request, request.user, "mfa", id=instance.pk, type=instance.type)


def _url_name(path):
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


class StaffMFAMiddleware:
    """Staff without an authenticator app are sent to set one up; staff whose session signed in without
    a code (an old session, or a login path that skipped the code) are asked for one. Either way the page
    they asked for (the admin, the moderation queue, paper entry, dashboards, exports, the volunteer desk)
    opens only afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._hold_back(request) or self.get_response(request)

    def _hold_back(self, request):
        user = request.user
        # Cheapest checks first: residents cost one query, staff who used their code none.
        if not (settings.STAFF_MFA_REQUIRED and user.is_authenticated) or used_second_factor(request):
            return None
        if _url_name(request.path_info) in OPEN_URL_NAMES or not is_staff_member(user):
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            messages.info(request, _("Please confirm with a code from your authenticator app."))
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        messages.warning(request, _("Your account has staff rights. Please set up two-factor authentication "
                                    "with an authenticator app before you continue."))
        if request.method == "GET":
            request.session[NEXT_SESSION_KEY] = request.get_full_path()
        return redirect("mfa_activate_totp")
