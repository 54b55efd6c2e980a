"""The log of downloads of private staff files that hold personal data (core.files)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DownloadLog(models.Model):
    """Who downloaded which private file, and when (a print batch lists every receipt number of its sheets)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True,
                             on_delete=models.SET_NULL, related_name="+")
    user_email = models.EmailField(_("user's email"), blank=True,
                                   help_text=_("Kept so the log still says who it was after the account is gone."))
    what = models.CharField(_("what"), max_length=300)
    file = models.CharField(_("file"), max_length=200)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("download log entry")
        verbose_name_plural = _("download log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_email} {self.file}"

    @classmethod
    def record(cls, user, what, file):
        return cls.objects.create(user=user if user.is_authenticated else None,
                                  user_email=getattr(user, "email", "") or "", what=what[:300], file=file[:200])
