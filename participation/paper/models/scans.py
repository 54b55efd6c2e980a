"""Scanned stacks of filled paper forms, their pages, and the review tasks a person resolves.

Every uploaded page ends as part of a response (or an idea), as a duplicate, as a blank back, entered
by hand / set aside, or as an open review task: nothing is dropped (scan_import.lost_pages). Scans and
snippets are personal data (handwriting): they live in the private storage, every view of them is
logged, and they are deleted on a schedule after verification.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from core.models.jobs import Job


class ScanImport(Job):
    """An uploaded stack: split into pages by one task (splitting), then every page read by its own (reading)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SPLITTING = "splitting", _("Splitting into pages")
        READING = "reading", _("Reading")
        DONE = "done", _("Read")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), storage=private_storage, upload_to="scans/imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True, help_text=_("The same file is never imported twice."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    pages_read = models.PositiveIntegerField(_("pages read"), default=0)
    files_deleted_at = models.DateTimeField(_("scans deleted"), null=True, blank=True)
    quality = models.JSONField(default=list, blank=True,
                               help_text=_("What the upload check found (1-bit, low resolution, heavy JPEG)."))
    upload_group = models.UUIDField(null=True, blank=True, db_index=True,
                                    help_text=_("Files uploaded together: a sheet printed at home may span them."))
    # The municipality's site it was uploaded at (issue 26): another municipality's sheets are refused there.
    site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    task_name = "participation.paper.tasks.import_scan"
    owner_field = "uploaded_by"
    # Splitting is one task that beats per page. Reading is many page tasks that may wait behind other
    # imports' pages in the queue: silence there means lost messages, so the pending pages are sent again
    # (without counting an attempt), never "failed" because the queue is long.
    running_statuses = ("splitting",)
    waiting_statuses = ("queued", "reading")

    class Meta:
        db_table = "participation_scanimport"
        verbose_name = _("scan import")
        verbose_name_plural = _("scan imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def percent(self):
        return round(100 * self.pages_read / self.page_count) if self.page_count else 0

    def describe(self):
        return _("Scan import “%(name)s”") % {"name": self.original_name}

    def watch_url(self):
        return reverse("participation:scan_imports")


class ScanPage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        UNIDENTIFIED = "unidentified", _("Not identified")
        MISREGISTERED = "misregistered", _("Could not be aligned")
        REVIEW = "review", _("Waiting for review")
        DONE = "done", _("Read")
        COUNTED = "counted", _("Counted")
        DUPLICATE = "duplicate", _("Duplicate (not counted)")
        BLANK = "blank", _("Blank back (set aside)")
        MANUAL = "manual", _("Entered by hand")

    scan_import = models.ForeignKey(ScanImport, on_delete=models.CASCADE, related_name="pages")
    index = models.PositiveIntegerField(_("page in the file"))
    image = models.ImageField(storage=private_storage, upload_to="scans/pages/%Y/%m/", blank=True)
    warped = models.ImageField(storage=private_storage, upload_to="scans/aligned/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PENDING)
    form_version = models.ForeignKey("paper.FormVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    page_number = models.PositiveSmallIntegerField(null=True, blank=True)
    serial = models.CharField(max_length=12, blank=True)
    sheet_key = models.CharField(max_length=40, blank=True, db_index=True,
                                 help_text=_("The serial, or for a sheet printed at home its first page."))
    sheet = models.ForeignKey("paper.Sheet", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="scan_pages")
    marks_found = models.PositiveSmallIntegerField(default=0)
    qr_error_mm = models.FloatField(null=True, blank=True)
    frame_error_mm = models.FloatField(null=True, blank=True)
    problem = models.CharField(max_length=200, blank=True)
    boxes = models.JSONField(default=dict, help_text=_("What the machine read: anchor → state, ink."))
    texts = models.JSONField(default=dict)
    quality = models.JSONField(default=list, blank=True,
                               help_text=_("Why the marks on this page may not be read reliably (reader codes)."))
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "participation_scanpage"
        verbose_name = _("scanned page")
        verbose_name_plural = _("scanned pages")
        ordering = ["scan_import", "index"]
        constraints = [models.UniqueConstraint(fields=["scan_import", "index"], name="one_page_per_index")]

    def __str__(self):
        return f"{self.scan_import_id}/{self.index + 1}"


class ScanSheetLock(models.Model):
    """One row per sheet (serial, or a home-printed sheet's key) that pages of the same sheet lock while they
    are read or committed: two workers reading two copies of one page concurrently see each other, so the
    second is a duplicate at once."""

    key = models.CharField(max_length=40, unique=True)

    class Meta:
        db_table = "participation_scansheetlock"
        verbose_name = _("scanned sheet lock")

    def __str__(self):
        return self.key

    @classmethod
    def hold(cls, key):
        """Lock the sheet's row until the surrounding transaction ends."""
        cls.objects.get_or_create(key=key)
        return cls.objects.select_for_update().get(key=key)


class ReviewTask(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        BOXES = "boxes", _("Tick boxes")
        TEXT = "text", _("Handwriting")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    page = models.ForeignKey(ScanPage, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=30)
    question_id = models.CharField(max_length=80, blank=True)
    anchor = models.CharField(max_length=120, blank=True)
    snippet = models.ImageField(storage=private_storage, upload_to="scans/snippets/%Y/%m/", blank=True)
    machine = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    locked_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "participation_reviewtask"
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.kind} {self.reason} ({self.page})"


class ScanAudit(models.Model):
    """Who saw or changed what of a scan (handwriting is personal data)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40)
    page = models.ForeignKey(ScanPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit")
    task = models.ForeignKey(ReviewTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit")
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_scanaudit"
        ordering = ["-created_at"]
        verbose_name = _("scan audit entry")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
