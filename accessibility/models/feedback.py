"""Barrier reports from the public feedback form (BITV 2.0 § 7: a feedback mechanism with a timely answer)."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long the city has to answer, and how long a closed report keeps the reporter's name and address.
# Read here only, so the lead can move them into settings/base.py (from the environment) without a code change.
DEFAULT_ANSWER_DAYS = 14
DEFAULT_RETENTION_DAYS = 365


def answer_days():
    return int(getattr(settings, "FEEDBACK_ANSWER_DAYS", DEFAULT_ANSWER_DAYS))


def retention_days():
    return int(getattr(settings, "FEEDBACK_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


class FeedbackCounter(models.Model):
    """The last report number given per year (BF-2026-0042)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"BF-{self.year}: {self.last}"

    @classmethod
    def next_number(cls, year=None):
        """The next number, safe under concurrent reports (row lock inside the caller's transaction)."""
        year = year or timezone.localdate().year
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            counter = cls.objects.select_for_update().get(year=year)
            counter.last = F("last") + 1
            counter.save(update_fields=["last"])
            counter.refresh_from_db(fields=["last"])
        return f"BF-{year}-{counter.last:04d}"


class FeedbackTicketQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=(FeedbackTicket.Status.NEW, FeedbackTicket.Status.IN_PROGRESS))

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def answers_to_send(self):
        """Answered reports with an address whose current answer has not been mailed."""
        return self.filter(status__in=(FeedbackTicket.Status.ANSWERED, FeedbackTicket.Status.CLOSED),
                           answered_at__isnull=False).exclude(email="").exclude(answer="").filter(
            Q(answer_sent_at__isnull=True) | Q(answer_sent_at__lt=F("answered_at")))

    def personal_data_expired(self, now=None):
        """Reports closed, or answered and left open, longer than the retention period that still hold a
        name or an address (an answered report nobody closed must not keep them for ever)."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
        settled = (Q(status=FeedbackTicket.Status.CLOSED, closed_at__lt=cutoff)
                   | Q(status=FeedbackTicket.Status.ANSWERED, answered_at__lt=cutoff))
        return self.filter(settled).filter(~Q(name="") | ~Q(email=""))


class FeedbackTicket(models.Model):
    """One report of a barrier, or a request for content in an accessible format."""

    class Kind(models.TextChoices):
        BARRIER = "barrier", _("I found a barrier")
        FORMAT = "format", _("I need this content in an accessible format")

    class Format(models.TextChoices):
        EASY_LANGUAGE = "easy_language", _("Easy Language (Leichte Sprache)")
        SIGN_LANGUAGE = "sign_language", _("German Sign Language (DGS) video")
        LARGE_PRINT = "large_print", _("Large print")
        ACCESSIBLE_DOCUMENT = "accessible_document", _("Accessible PDF or Word document")
        PLAIN_TEXT = "plain_text", _("Plain text by email")
        AUDIO = "audio", _("Audio recording")
        BRAILLE = "braille", _("Braille")
        OTHER = "other", _("Something else (please describe)")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind of report"), max_length=20, choices=Kind.choices, default=Kind.BARRIER)
    page = models.CharField(_("page"), max_length=500, blank=True,
                            help_text=_("The address or name of the page the report is about."))
    # The municipality whose site the report came in at (issue 26): its moderators answer it.
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("municipality"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", editable=False)
    description = models.TextField(_("description"))
    preferred_format = models.CharField(_("preferred format"), max_length=30, choices=Format.choices, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="de",
                                help_text=_("The language the report was written in; mails use it."))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    due_on = models.DateField(_("answer due"), editable=False)
    answer = models.TextField(
        _("answer"), blank=True,
        help_text=_("Mailed to the reporter when you set the status to “Answered” (if they gave an address)."),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    # Markers under the row lock: each mail goes out once (accessibility/feedback.py).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackTicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["status", "closed_at"])]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        # Reports taken by phone and entered in the admin get their number and due date here too.
        if not self.number:
            self.number = FeedbackCounter.next_number()
        if not self.due_on:
            self.due_on = timezone.localdate(self.received_at) + datetime.timedelta(days=answer_days())
        super().save(*args, **kwargs)

    def is_overdue(self, today=None):
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS) and self.due_on < (
            today or timezone.localdate())
