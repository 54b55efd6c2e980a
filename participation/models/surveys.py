import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.files import private_storage  # migrations 0007 and 0008 name it here
from core.models.jobs import Job
from core.publishing import PublishThroughWorkflowMixin
from participation.models.ideas import Channel
from participation.survey_blocks import SectionBlock


class SurveyPage(PublishThroughWorkflowMixin, RoutablePageMixin, Page):
    """A survey: sections of questions (StreamField, stable ids), open from–to, for whom, and one rule
    that keeps it to one answer per person. URLs: the start page, each section, the confirmation, results."""

    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone (anonymous, no limit per person)")
        RESIDENTS = "residents", _("Signed-in residents (one answer per account)")
        CODE = "code", _("Holders of an access code (one answer per code)")
        EMAIL = "email", _("Anyone with a confirmed email address (one answer per address)")

    intro = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    audience = models.CharField(_("who may answer"), max_length=20, choices=Audience.choices,
                                default=Audience.ANYONE)
    questions = StreamField([("section", SectionBlock())], verbose_name=_("questions"), min_num=1)
    thank_you = models.TextField(_("text after answering"), blank=True)
    public_results = models.BooleanField(
        _("show results publicly after closing"), default=False,
    )
    paper_hint = models.TextField(
        _("where to hand in paper forms"), blank=True,
        help_text=_("Printed on the paper form, for example the citizens' offices and their opening hours."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("audience"),
                         FieldPanel("public_results")], heading=_("When and who")),
        FieldPanel("questions"),
        FieldPanel("thank_you"),
        FieldPanel("paper_hint"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["core.HomePage", "core.ProjectPage", "core.StandardPage",
                         "participation.ParticipationProcessPage"]
    subpage_types = []
    cache_anonymous = False  # forms with CSRF tokens and changing results

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def is_closed(self, moment=None):
        return (moment or timezone.now()) >= self.closes_at

    @path("")
    def start(self, request):
        from participation import survey_views

        return survey_views.start(request, self)

    @re_path(r"^antworten/(?P<token>[0-9a-f]{32})/(?P<step>\d+)/$")
    def answer(self, request, token, step):
        from participation import survey_views

        return survey_views.answer(request, self, token, int(step))

    @re_path(r"^danke/(?P<token>[0-9a-f]{32})/$")
    def thanks(self, request, token):
        from participation import survey_views

        return survey_views.thanks(request, self, token)

    @re_path(r"^bestaetigen/(?P<token>[0-9a-f]{32})/$")
    def confirm_email(self, request, token):
        from participation import survey_views

        return survey_views.confirm_email(request, self, token)

    @path("drucken/")
    def paper_form(self, request):
        from participation.printing import download

        return download(request, self)

    @path("ergebnisse/")
    def results(self, request):
        from participation import survey_views

        return survey_views.results(request, self)


class SurveyResponse(models.Model):
    """One person's answers, keyed by question id; a draft until the last page is sent."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", help_text=_("The survey version this response answered."))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="survey_responses")
    email = models.EmailField(_("email"), blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    access_code = models.OneToOneField("participation.AccessCode", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="response")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    paper_sheet = models.CharField(_("paper sheet"), max_length=40, blank=True,
                                   help_text=_("Serial of the returned paper form (filled by paper entry)."))
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=10, blank=True, default="",
                                help_text=_("The language the survey was answered in (online page or paper form)."))
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    entered_at = models.DateTimeField(_("entered"), null=True, blank=True,
                                      help_text=_("When staff finished entering a paper or desk response."))

    class Capture(models.TextChoices):
        DIRECT = "", _("Typed by the person answering")
        MANUAL = "manual", _("Entered by hand from paper")
        SCAN_AUTO = "scan_auto", _("Read from a scan automatically")
        SCAN_VERIFIED = "scan_verified", _("Read from a scan, checked by a person")

    capture_method = models.CharField(_("capture method"), max_length=14, choices=Capture.choices, blank=True,
                                      default="")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text=_("Who checked what the scanner read."))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], condition=Q(user__isnull=False),
                                    name="one_response_per_account"),
            models.UniqueConstraint(fields=["survey", "email"], condition=~Q(email=""),
                                    name="one_response_per_email"),
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self):
        return f"{self.survey_id}/{self.token}"


class AccessCode(models.Model):
    """A single-use code printed or mailed to invited people."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="access_codes")
    code = models.CharField(_("code"), max_length=20, unique=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self):
        return self.code

    ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed from paper

    @classmethod
    def generate(cls, survey, count):
        """Create `count` new random codes (e.g. K7QM-3XPA) for the survey and return them."""
        import secrets

        codes = []
        while len(codes) < count:
            raw = "".join(secrets.choice(cls.ALPHABET) for _ in range(8))
            code = f"{raw[:4]}-{raw[4:]}"
            if not cls.objects.filter(code=code).exists():
                codes.append(cls(survey=survey, code=code))
        return cls.objects.bulk_create(codes)


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
    process = models.ForeignKey("participation.ParticipationProcessPage", null=True, blank=True,
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
    process = models.ForeignKey("participation.ParticipationProcessPage", null=True, blank=True,
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
    # Lists every receipt number with its check digits: private, handed out by survey_admin.print_batch_file.
    file = models.FileField(_("PDF"), storage=private_storage, upload_to="print-batches/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    task_name = "participation.tasks.render_print_batch"

    class Meta:
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
    idea = models.OneToOneField("participation.Idea", null=True, blank=True, on_delete=models.SET_NULL,
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


def receipt_number(serial, secret=None):
    """The serial plus four check digits, as printed on the receipt slip: nobody looks up other
    people's sheets by counting serials (participation.receipts checks them)."""
    from django.utils.crypto import salted_hmac

    check = int(salted_hmac("participation.sheet-receipt", serial, secret=secret).hexdigest(), 16) % 10000
    return f"{serial}-{check:04d}"
