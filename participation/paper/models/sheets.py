"""Paper forms: frozen printable versions of a survey or an idea call, batches of numbered sheets, and the
sheets themselves (matched by serial when they come back)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from core.models.jobs import Job
from participation.ideas.receipts import receipt_number
from participation.surveys.models import SurveyPage, SurveyResponse


class PrintTarget(models.Model):
    """What a paper form belongs to: a survey, or a participation process's idea call (exactly one)."""

    class Meta:
        abstract = True

    @property
    def target(self):
        return self.survey if self.survey_id else self.process


class FormVersion(PrintTarget):
    """A frozen printable form: which survey (or idea call) revision, variant and language, and where
    every box is on which page (millimetres from the top left), so the scan reader can find the ticks."""

    survey = models.ForeignKey(SurveyPage, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="form_versions")
    process = models.ForeignKey("ideas.ParticipationProcessPage", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="form_versions")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    variant = models.CharField(_("variant"), max_length=20, default="standard")
    language = models.CharField(_("language"), max_length=10, default="de")
    layout = models.JSONField(_("layout map"), default=dict)
    page_count = models.PositiveSmallIntegerField(default=1)
    master = models.FileField(_("master PDF"), storage=private_storage, upload_to="forms/", blank=True,
                              help_text=_("The blank form as printed: the scan reader subtracts what it prints."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_formversion"
        verbose_name = _("form version")
        constraints = [
            models.UniqueConstraint(fields=["survey", "revision", "variant", "language"],
                                    name="one_form_version_per_revision_variant_language"),
            models.UniqueConstraint(fields=["process", "revision", "variant", "language"],
                                    name="one_idea_form_version_per_revision_variant_language"),
            models.CheckConstraint(condition=Q(survey__isnull=True) ^ Q(process__isnull=True),
                                   name="form_version_for_a_survey_or_an_idea_call"),
        ]

    def __str__(self):
        return f"{self.target.pk}/{self.pk} {self.variant} {self.language}"


class PrintBatch(PrintTarget, Job):
    """Numbered sheets ordered by staff, rendered by the worker into one PDF. A batch of the kind
    "home" holds the sheets people printed themselves: they get their number when staff enter them."""

    class Kind(models.TextChoices):
        PRINTED = "printed", _("Printed by us")
        HOME = "home", _("Printed at home (numbered on entry)")

    survey = models.ForeignKey(SurveyPage, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="print_batches")
    process = models.ForeignKey("ideas.ParticipationProcessPage", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="print_batches")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRINTED)
    form_version = models.ForeignKey(FormVersion, null=True, on_delete=models.PROTECT, related_name="+")
    variant = models.CharField(_("variant"), max_length=20, default="standard")
    language = models.CharField(_("language"), max_length=10, default="de")
    double_entry = models.BooleanField(
        _("double entry"), default=False,
        help_text=_("Two different people enter every sheet; differences are shown to resolve."),
    )
    count = models.PositiveIntegerField(_("number of sheets"))
    location = models.CharField(_("where the sheets go"), max_length=100, blank=True,
                                help_text=_("For example “Bürgerbüro Moisling”: return rates per place."))
    done = models.PositiveIntegerField(_("sheets rendered"), default=0)
    # Lists every receipt number with its check digits: private, handed out by admin_views.print_batch_file.
    file = models.FileField(_("PDF"), storage=private_storage, upload_to="print-batches/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    task_name = "participation.paper.tasks.render_print_batch"

    class Meta:
        db_table = "participation_printbatch"
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(survey__isnull=True) ^ Q(process__isnull=True),
                                              name="print_batch_for_a_survey_or_an_idea_call")]

    def __str__(self):
        return f"{self.target.pk}: {self.count}"

    @property
    def percent(self):
        return round(100 * self.done / self.count) if self.count else 0

    def pdf_name(self):
        """The PDF's one name: a run killed while saving it leaves a file the next run replaces."""
        return self.file.field.generate_filename(self, f"bogen-{self.target.slug}-{self.pk}.pdf")

    def describe(self):
        return _("%(count)s numbered sheets for “%(title)s”") % {"count": self.count, "title": self.target.title}

    def watch_url(self):
        return reverse("participation_print_batches", args=[self.target.pk])

    def remove_temp_files(self):
        super().remove_temp_files()
        if not self.file:
            self.file.storage.delete(self.pdf_name())  # half saved when the worker died


class Sheet(models.Model):
    """One numbered paper form: returned sheets are matched by serial, counted, and duplicates refused.

    With double entry, the first person's answers wait in `first_answers` until a second person has
    entered the same sheet; differences are resolved before the response counts."""

    batch = models.ForeignKey(PrintBatch, on_delete=models.CASCADE, related_name="sheets")
    serial = models.CharField(_("serial"), max_length=12, unique=True)
    response = models.OneToOneField(SurveyResponse, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="sheet")
    idea = models.OneToOneField("ideas.Idea", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="sheet")
    first_answers = models.JSONField(_("first entry"), null=True, blank=True)
    first_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    first_entered_at = models.DateTimeField(null=True, blank=True)
    scan = models.ImageField(_("scanned page"), storage=private_storage, upload_to="scans/%Y/%m/", blank=True,
                             width_field="scan_width", height_field="scan_height")
    scan_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    scan_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "participation_sheet"
        verbose_name = _("sheet")
        ordering = ["serial"]

    def __str__(self):
        return self.serial

    @property
    def entered(self):
        return self.idea_id is not None or (self.response_id is not None and self.response.submitted_at is not None)

    @property
    def receipt_number(self):
        return receipt_number(self.serial)
