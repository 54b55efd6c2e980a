"""The log of downloads of private staff files that hold personal data (core.files)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.logs import StaffLog


class DownloadLog(StaffLog):
    """Who downloaded which private file, and when (a print batch lists every receipt number of its sheets)."""

    what = models.CharField(_("what"), max_length=300)
    file = models.CharField(_("file"), max_length=200)

    class Meta(StaffLog.Meta):
        verbose_name = _("download log entry")
        verbose_name_plural = _("download log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_email} {self.file}"

    @classmethod
    def record(cls, user, what, file):
        return cls.objects.create(**cls.who(user), what=what[:300], file=file[:200])
