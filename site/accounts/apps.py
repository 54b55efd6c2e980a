from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """One user account for residents, volunteers and staff; email is the login."""

    name = "accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.signals import user_logged_in

        from accounts.deletion import forget_warning_on_login
        from accounts.mfa import record_setup_as_second_factor
        from accounts.roles import sync_roles

        user_logged_in.connect(forget_warning_on_login, dispatch_uid="accounts.forget_warning_on_login")
        from allauth.account.signals import user_signed_up

        from accounts.language import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="accounts.remember_language_on_login")
        user_signed_up.connect(remember_language, dispatch_uid="accounts.remember_language_on_signup")

        # After every migrate, so permissions of apps added later reach their groups too.
        post_migrate.connect(sync_roles, dispatch_uid="accounts.sync_roles")
        post_save.connect(record_setup_as_second_factor, sender=Authenticator, dispatch_uid="accounts.mfa_setup")
