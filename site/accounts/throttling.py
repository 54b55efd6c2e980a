"""How sign-in failures and password-reset mails are limited (allauth's rate limits, ACCOUNT_RATE_LIMITS in
config/settings/part_accounts_security.py), so that nobody can lock an owner out or flood a mailbox.

- Failed sign-ins count per client address and account together, not per account alone: an attacker failing on
  purpose from one address cannot keep the owner out, who signs in from hers. There is no limit per account
  across addresses, since anyone could use it to lock an account out; guessing from many addresses is met by
  the per-address limits, by passwords of 10+ characters that are not common (AUTH_PASSWORD_VALIDATORS), and
  for staff by the second factor (accounts/mfa.py: a password alone opens nothing).
- Password-reset mails are capped per target address and per client address per day; past the cap the page
  answers exactly as if a mail had gone out, so it tells nobody whether an account exists.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import get_ip


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys the "key" rate of login_failed by the address typed (site:login), so five failures from
        # anywhere locked the account for everyone. With the client address (allauth's own reading of it:
        # TRUSTED_PROXY_COUNT, IPv6 by /64 network) it counts per address and account. allauth 65.21 uses this
        # key both to count failures and to forget them after a password reset (tests/security/test_logins.py).
        return f"{get_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"


class ResetPasswordForm(AllauthResetPasswordForm):
    """allauth's form; past the daily caps ("reset_password_mail") it sends nothing and says the same."""

    def save(self, request, **kwargs):
        email = self.cleaned_data["email"]
        if not ratelimit.consume(request, action="reset_password_mail", key=email.lower()):
            return email
        return super().save(request, **kwargs)
