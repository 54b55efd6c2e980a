from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from core.files import private_storage
from participation.ideas.receipts import with_code


class Channel(models.TextChoices):
    """How a contribution reached us."""

    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    EVENT = "event", _("Event")
    DESK = "desk", _("Citizens' desk")


@register_snippet
class IdeaCategory(models.Model):
    """A topic residents file their ideas under (editors keep the list)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        db_table = "participation_ideacategory"
        verbose_name = _("idea category")
        verbose_name_plural = _("idea categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReceiptCounter(models.Model):
    """The last receipt number given per prefix and year (ID-2026-0042)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "participation_receiptcounter"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_receipt_counter")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, prefix, year=None):
        """The next number, safe under concurrent submissions (row lock inside the caller's transaction)."""
        year = year or timezone.localdate().year
        with transaction.atomic():
            cls.objects.get_or_create(prefix=prefix, year=year)
            counter = cls.objects.select_for_update().get(prefix=prefix, year=year)
            counter.last = F("last") + 1
            counter.save(update_fields=["last"])
            counter.refresh_from_db(fields=["last"])
        return f"{prefix}-{year}-{counter.last:04d}"


# What everyone may see of an idea: confirmed, published and not hidden (also the condition of partial indexes).
PUBLIC = Q(confirmed_at__isnull=False, published=True, hidden=False)


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """What everyone may see: confirmed, published and not hidden."""
        return self.filter(PUBLIC)

    def awaiting_moderation(self):
        return self.filter(confirmed_at__isnull=False, published=False, status=Idea.Status.RECEIVED)


class Idea(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    process = models.ForeignKey(
        "ideas.ParticipationProcessPage", verbose_name=_("participation process"),
        on_delete=models.PROTECT, related_name="ideas",
    )
    reference = models.CharField(_("receipt number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    category = models.ForeignKey(
        IdeaCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="ideas"
    )
    district = models.ForeignKey(
        "core.District", verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="ideas",
    )
    location_text = models.CharField(
        _("place"), max_length=300, blank=True,
        help_text=_("An address or a description of the place, for example “bus stop at the Holstentor”."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ideas", help_text=_("The event where the idea was collected (channel “event”)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ideas",
    )
    author_name = models.CharField(_("name shown"), max_length=80, blank=True)
    contact_email = models.EmailField(_("email for updates"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    consent_at = models.DateTimeField(_("privacy consent given"))
    confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    notify = models.BooleanField(_("send updates by email"), default=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    official_answer = models.TextField(_("official answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Only staff see these."))
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, help_text=_("Published comments."))

    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        db_table = "participation_idea"
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["process", "published", "hidden", "-created_at"]),
            models.Index(fields=["process", "-support_count"]),
            # The public list (IdeaQuerySet.public) in each of its orders, and its totals per channel: partial
            # indexes hold only public ideas, so a page of 20 and the counts never visit the other rows
            # (idea list with 10,000 ideas: 3 queries of 15 ms each before, docs/speed.md).
            models.Index(fields=["process", "-created_at", "-id"], condition=PUBLIC, name="idea_public_newest"),
            models.Index(fields=["process", "-support_count", "-id"], condition=PUBLIC, name="idea_public_supported"),
            models.Index(fields=["process", "-comment_count", "-id"], condition=PUBLIC, name="idea_public_discussed"),
            models.Index(fields=["process", "channel"], condition=PUBLIC, name="idea_public_channel"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(contact_email="") | Q(entered_by__isnull=False),
                name="idea_has_an_author_an_email_or_staff_entry",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = ReceiptCounter.next_reference("ID")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The idea on its process page in the current language (ideas belong to the default-language
        page; its translations show them too), else on the process page itself."""
        from django.utils import translation

        page = self.process
        language = translation.get_language()
        if language and page.locale.language_code != language:
            translated = page.get_translations().live().filter(locale__language_code=language).first()
            if translated is not None:
                page = translated.specific
        return page.url + page.reverse_subpage("idea_detail", args=[self.reference])

    @property
    def receipt_number(self):
        """The number with its check characters, as only the submitter gets it (participation.ideas.receipts)."""
        return with_code(self.reference)

    @property
    def marker(self):
        return (self.latitude, self.longitude) if self.latitude is not None else None

    @property
    def is_public(self):
        return self.confirmed_at is not None and self.published and not self.hidden


class IdeaImage(models.Model):
    """A photo sent with an idea. Private until the idea is public, so it lives in the private storage and
    participation.ideas.views.idea_image serves it to whoever may see the idea (anyone, once it is public)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(_("image"), storage=private_storage, upload_to="ideas/%Y/%m/")
    width = models.PositiveIntegerField(editable=False, default=0)  # set from the checked image (uploads.py)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("what the image shows"), max_length=250, blank=True,
        help_text=_("A short description for people who cannot see the image."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "participation_ideaimage"
        verbose_name = _("idea image")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.file.name

    def get_absolute_url(self):
        return reverse("idea_image", args=[self.pk, self.file.name.rsplit("/", 1)[-1]])


class Support(models.Model):
    """One person's support for an idea: one per account, or one per confirmed email address."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="idea_supports")
    email = models.EmailField(_("confirmed email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_support"
        verbose_name = _("support")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], condition=Q(user__isnull=False),
                                    name="one_support_per_person"),
            models.UniqueConstraint(fields=["idea", "email"], condition=~Q(email=""),
                                    name="one_support_per_email"),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(email=""), name="support_has_a_person"),
        ]

    def __str__(self):
        return f"{self.user_id or self.email} → {self.idea_id}"


class StatusChange(models.Model):
    """An entry of an idea's public timeline."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=Idea.Status.choices)
    note = models.TextField(_("public note"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_statuschange"
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")

    def __str__(self):
        return f"{self.idea_id}: {self.status}"


class ModerationLogEntry(models.Model):
    """Who did what to an idea, and when (for accountability; never shown publicly)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="moderation_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=50)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_moderationlogentry"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True, hidden=False)


class Comment(models.Model):
    """A signed-in person's comment on an idea; replies go one level deep."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="idea_comments")
    author_name = models.CharField(_("name shown"), max_length=80, blank=True)
    text = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(_("language"), max_length=10, blank=True, default="",
                                help_text=_("The language of the page the comment was written on."))
    published = models.BooleanField(_("published"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Hidden after reports or by a moderator."))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        db_table = "participation_comment"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name or _('anonymous')}: {self.text[:50]}"


class Report(models.Model):
    """Somebody flags an idea or a comment as abusive. Three different people hide it until reviewed."""

    idea = models.ForeignKey(Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reporter = models.CharField(
        max_length=80, help_text=_("An account id or a hash of the address, never the address.")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        db_table = "participation_report"
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "reporter"], condition=Q(comment__isnull=True),
                                    name="one_report_per_person_and_idea"),
            models.UniqueConstraint(fields=["comment", "reporter"], condition=Q(comment__isnull=False),
                                    name="one_report_per_person_and_comment"),
        ]

    def __str__(self):
        return f"{self.reporter}: {self.reason[:50]}"
