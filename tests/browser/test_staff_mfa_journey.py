"""A moderator's first sign-in with two-factor authentication required, in Chromium and without the mouse:
sent to set up the app, confirms the password, types the app's code, gets recovery codes and reaches the
admin. Every page of the setup passes axe and loads nothing from other hosts."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_moderator_sets_up_the_authenticator_app_and_reaches_the_admin(browser_page, settings):
    settings.STAFF_MFA_REQUIRED = True
    page = browser_page
    user = sign_in_by_keyboard(page, "mona.moderation@luebeck.example", "Moderation-2026!", group="Moderation")

    # Signed in, but held at the setup: first the password once more.
    page.wait_for_url("**/konto/reauthenticate/**")
    page.assert_accessible()
    page.get_by_label("Passwort").focus()
    page.keyboard.type("Moderation-2026!")
    press(page, "Enter")

    page.wait_for_url("**/konto/2fa/totp/activate/")
    page.assert_accessible()
    assert page.locator(".mfa-qr[role=img][aria-label] svg").count() == 1  # the QR code, described in words
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").focus()
    while time.time() % 30 > 22:  # a code typed in the last seconds of its 30 s window would expire on the way
        time.sleep(0.5)           # (the site accepts no tolerance); the person would wait for the next one too
    page.keyboard.type(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    press(page, "Enter")

    page.wait_for_url("**/konto/2fa/recovery-codes/")
    page.assert_accessible()
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    assert codes[0] in page.locator("#recovery_codes").input_value()

    page.goto("/admin/")
    assert page.url.endswith("/admin/") and page.locator("main").count() == 1
