"""Settings for issue 12 (accounts_security), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's.

Staff sign-ins: two-factor authentication (allauth.mfa, TOTP plus recovery codes), rate limits on every
login path and error messages that never tell whether an account exists. The README ("Staff sign-in")
explains them for operators.
"""

import os

# Every member of a staff group and every superuser must use an authenticator app (accounts/mfa.py).
# On unless switched off; config.settings.dev and config.settings.test switch it off for the demo admin
# and the test suite's force_login (tests that check it switch it on again).
STAFF_MFA_REQUIRED = os.environ.get("STAFF_MFA_REQUIRED", "true").strip().lower() in {"1", "true", "yes", "on"}

# allauth.mfa: codes from an authenticator app (TOTP) and single-use recovery codes; no passkeys (they
# would need a JavaScript library from outside the site and are not asked for).
# https://docs.allauth.org/en/latest/mfa/configuration.html
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.mfa.StaffMFAAdapter"
MFA_TOTP_ISSUER = "Mitgestalten Lübeck"
MFA_RECOVERY_CODES_SHOW_ONCE = False  # staff may look at their unused codes again (after re-entering a code)

# Never reveal whether an address has an account: sign-in, password reset and sign-up answer alike
# for known and unknown addresses (allauth's default, stated here because it is a promise).
ACCOUNT_PREVENT_ENUMERATION = True

# Rate limits (allauth 65's syntax: amount/period/per, period s/m/h/d, per = ip, key or user; several
# comma-separated rates must all allow). The Wagtail admin login goes through the same form (/admin/login/
# redirects there), and the volunteer desk and paper entry have no login of their own. A failed code from an
# authenticator app counts as a failed login too (per account: only someone with the right password gets
# there). The limits need one cache for every web process: set REDIS_URL when more than one process serves
# the site. Why failures count per address and account and reset mails are capped: accounts/throttling.py.
# https://docs.allauth.org/en/latest/account/rate_limits.html
ACCOUNT_ADAPTER = "accounts.throttling.AccountAdapter"
ACCOUNT_FORMS = {"reset_password": "accounts.throttling.ResetPasswordForm"}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # key = client address + account: the 6th wrong password for an account from one address within 5 minutes
    # is refused there, while the owner still signs in from hers; per address 10 a minute and 100 an hour.
    "login_failed": "10/m/ip,100/h/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip",  # the form, per client; the mails themselves: reset_password_mail
    # Reset mails (also "no account with this address" mails) per target address and per client address and
    # day; past either nothing is sent and the page looks the same (accounts.throttling.ResetPasswordForm).
    "reset_password_mail": "3/d/key,20/d/ip",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Behind a reverse proxy every request comes from the proxy's address, so the per-IP limits would count
# every visitor together: set TRUSTED_PROXY_COUNT to the number of proxies that add X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))  # core.security.client_ip reads it too
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
