"""Exports staff start in the admin: a job per export written in the background, a log line per export."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import private_storage  # migrations core 0005 and accounts 0003 name it here
from core.models.jobs import Job
from core.models.logs import StaffLog


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (comma-separated, UTF-8)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    JSON = "json", _("JSON")
    OPEN_DATA = "opendata", _("Open data (ZIP: anonymised CSV with DCAT-AP.de metadata)")

    @property
    def extension(self):
        return "zip" if self is ExportFormat.OPEN_DATA else self.value


class ExportJob(Job):
    """An export the worker writes to a file (XLSX, open data, and everything too big to stream)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    dataset = models.CharField(_("data"), max_length=40)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    include_personal = models.BooleanField(_("with personal data"), default=False)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), storage=private_storage, upload_to="exports/", max_length=200, blank=True)

    task_name = "core.tasks.run_export"

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_personal_data", _("may export personal data"))]
        indexes = [models.Index(fields=["created_by", "-created_at"]), models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.dataset} {self.format} {self.uuid}"

    @property
    def storage_name(self):
        """Always the same name for the same job: a second run replaces the file, never adds one."""
        return f"exports/{self.uuid}.{ExportFormat(self.format).extension}"

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    def describe(self):
        from core import registry

        dataset = registry.export_datasets.get(self.dataset)
        return _("Export “%(data)s” (%(format)s)") % {"data": dataset.label if dataset else self.dataset,
                                                     "format": self.get_format_display()}

    def watch_url(self):
        return reverse("core_export_job", args=[self.uuid])


class ExportLog(StaffLog):
    """Who exported which data, with which filters and whether with personal data (streamed or as a job)."""

    class Delivery(models.TextChoices):
        STREAMED = "streamed", _("Downloaded directly")
        JOB = "job", _("Prepared in the background")

    dataset = models.CharField(_("data"), max_length=40)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    include_personal = models.BooleanField(_("with personal data"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    job = models.ForeignKey(ExportJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="logs")

    class Meta(StaffLog.Meta):
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_email} {self.dataset} {self.format}"
