"""What the logs of staff access to personal data share (exports: core.models.exports; downloads of private
files: core.models.files)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffLog(models.Model):
    """Who did it (kept by address too once the account is gone) and when; newest entries first."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True,
                             on_delete=models.SET_NULL, related_name="+")
    user_email = models.EmailField(_("user's email"), blank=True,
                                   help_text=_("Kept so the log still says who it was after the account is gone."))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @staticmethod
    def who(user):
        """The user fields of an entry for `user` (anonymous or None: no account, no address)."""
        signed_in = user is not None and user.is_authenticated
        return {"user": user if signed_in else None, "user_email": getattr(user, "email", "") or ""}
