"""Volunteering for Social Smart City: organisations, their opportunities and shifts, and sign-ups that
never overbook (see volunteering.signup for the locking rules)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.municipalities import default_site_id


class Interest(models.Model):
    """A field of engagement (social, environment, culture, sport, digital help, …)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("field of engagement")
        verbose_name_plural = _("fields of engagement")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A club, initiative or institution; its opportunities go public once coordinators verified it."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    # The municipality the organisation belongs to (issue 26): its coordinators verify it and look after its
    # volunteers (core.staff_scope); its opportunities belong there through it. Set from the site where it
    # registers or is added; without a request, the default site's.
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("municipality"), default=default_site_id,
                             on_delete=models.PROTECT, related_name="volunteer_organisations")
    description = models.TextField(_("description"), max_length=3000, blank=True)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    district = models.ForeignKey("core.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    logo = models.ForeignKey("core.CustomImage", verbose_name=_("logo"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    auto_confirm = models.BooleanField(
        _("confirm sign-ups automatically"), default=False,
        help_text=_("Otherwise the organisation confirms or declines every request."),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
                                     related_name="volunteer_organisations",
                                     help_text=_("People who manage this organisation's opportunities."))
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    verification_note = models.TextField(
        _("note from the coordinators"), max_length=2000, blank=True,
        help_text=_("Why the registration is on hold or was not accepted; shown to the organisation."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("logo"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address"),
                         FieldPanel("district")], heading=_("Contact")),
        FieldPanel("auto_confirm"), FieldPanel("members"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_verified(self):
        return self.verified_at is not None


class Opportunity(ClusterableModel):
    """An engagement: one-off (with shifts), recurring, or long-term."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("One-off (shifts)")
        RECURRING = "recurring", _("Recurring")
        LONG_TERM = "long_term", _("Long-term")

    class Requirement(models.TextChoices):
        POLICE_CERTIFICATE = "police_certificate", _("Extended police certificate (§ 72a SGB VIII)")
        FOOD_HYGIENE = "food_hygiene", _("Food hygiene instruction (§ 43 IfSG)")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="opportunities")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), max_length=5000)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ONE_OFF)
    place = models.CharField(_("place"), max_length=250, blank=True)
    district = models.ForeignKey("core.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    remote = models.BooleanField(_("possible from home"), default=False)
    interests = ParentalManyToManyField(Interest, verbose_name=_("fields of engagement"), blank=True)
    skills = ParentalManyToManyField(Skill, verbose_name=_("skills wanted"), blank=True)
    languages = models.JSONField(_("languages used"), default=list, blank=True,
                                 help_text=_("Language codes, for example de, en, tr, ar, uk."))
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    little_german = models.BooleanField(_("suitable with little German"), default=False)
    family_friendly = models.BooleanField(_("family-friendly"), default=False)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    requirements = models.JSONField(_("requirements"), default=list, blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    minimum_weeks = models.PositiveSmallIntegerField(_("minimum commitment in weeks"), null=True, blank=True)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="de",
        help_text=_("The language of title and description; translations into other languages are added below."),
    )
    project = models.ForeignKey(
        "core.ProjectPage", verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="opportunities", help_text=_("The opportunity is listed on this project's page."),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("organisation"), FieldPanel("title"), FieldPanel("slug"), FieldPanel("description"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("district"), FieldPanel("remote")], heading=_("Place")),
        MultiFieldPanel([FieldPanel("interests"), FieldPanel("skills"), FieldPanel("languages")],
                        heading=_("Who fits")),
        MultiFieldPanel([FieldPanel("wheelchair_accessible"), FieldPanel("little_german"),
                         FieldPanel("family_friendly"), FieldPanel("minimum_age"), FieldPanel("requirements")],
                        heading=_("Accessibility and requirements")),
        MultiFieldPanel([FieldPanel("hours_per_week"), FieldPanel("minimum_weeks")], heading=_("Time")),
        InlinePanel("shifts", label=_("Shifts")),
        FieldPanel("language"),
        InlinePanel("translations", label=_("Translations"),
                    help_text=_("The same opportunity in other languages. Shifts and places stay shared.")),
        FieldPanel("project"),
        FieldPanel("published"),
    ]

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.published and self.organisation.is_verified

    def localize(self, language):
        """Show title, description and place in `language` when a translation exists (in memory only:
        read-only views call this, never code that saves). `text_language` says which language the text
        now is in (`place_language` the place's, often left untranslated), for the `lang` attribute when it is
        not the page's language. Uses the prefetched translations when there are any (lists prefetch them to keep
        one query)."""
        self.text_language = self.place_language = self.language
        if language == self.language:
            return self
        for translated in self.translations.all():
            if translated.language == language:
                self.title, self.description = translated.title, translated.description
                self.place = translated.place or self.place
                self.text_language = language
                self.place_language = language if translated.place else self.language
                break
        return self


def localize_opportunities(opportunities, language=None):
    """`Opportunity.localize` for each one (and for each opportunity of a list of sign-ups or shifts)."""
    from django.utils import translation

    language = language or translation.get_language()
    for opportunity in opportunities:
        opportunity.localize(language)
    return opportunities


class OpportunityTranslation(Orderable):
    """An opportunity's text in another language. The opportunity itself (its shifts, places, sign-ups)
    stays one: a copy per language would split the places and overbook them. Decision documented in the
    README ("Languages")."""

    opportunity = ParentalKey(Opportunity, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=250, blank=True,
                             help_text=_("Only if the place needs explaining in this language."))

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("description"), FieldPanel("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["opportunity", "language"],
                                               name="one_opportunity_translation_per_language")]

    def __str__(self):
        return f"{self.opportunity_id} {self.language}"


class Shift(models.Model):
    opportunity = ParentalKey(Opportunity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    # Grows whenever the times change: calendars replace an event with the same UID only when its
    # SEQUENCE is higher than the one they have.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("capacity")]

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="shift_ends_after_it_starts")]

    def __str__(self):
        return f"{self.opportunity_id} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            before = Shift.objects.filter(pk=self.pk).values_list("starts_at", "ends_at").first()
            if before is not None and before != (self.starts_at, self.ends_at):
                self.sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)


class Signup(models.Model):
    """One person on one shift. Requested and confirmed sign-ups hold a place; waitlisted ones wait; an
    offered place is held for the next person on the waitlist until `offer_expires_at`."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        DECLINED = "declined", _("Declined by the organisation")
        CANCELLED = "cancelled", _("Withdrawn")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        DESK = "desk", _("At the volunteer desk")

    HOLDS_A_PLACE = (Status.REQUESTED, Status.CONFIRMED, Status.OFFERED)

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signups")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+",
                                      help_text=_("The coordinator who signed the person up at the desk."))
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    decided_at = models.DateTimeField(_("confirmed or declined"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                               on_delete=models.SET_NULL, related_name="+")
    # When each mail went out: the tasks check and set these under a row lock, so a task that runs twice
    # (beat overlap, a retry) sends one mail.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    offer_sent_at = models.DateTimeField(null=True, blank=True)
    reminded_72h_at = models.DateTimeField(null=True, blank=True)
    reminded_24h_at = models.DateTimeField(null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["shift", "volunteer"], name="one_signup_per_shift")]
        indexes = [models.Index(fields=["shift", "status"])]

    def __str__(self):
        return f"{self.volunteer_id} → {self.shift_id}: {self.status}"


class VolunteerProfile(models.Model):
    """What a volunteer likes, can, speaks and when and where they have time: the basis of suggestions."""

    WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    PARTS = ["morning", "afternoon", "evening"]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile")
    interests = models.ManyToManyField(Interest, verbose_name=_("fields of engagement"), blank=True)
    skills = models.ManyToManyField(Skill, verbose_name=_("skills"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.JSONField(_("when you have time"), default=list, blank=True,
                                    help_text=_("Weekday and part of the day, for example sat-morning."))
    home_district = models.ForeignKey("core.District", verbose_name=_("home district"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    max_km = models.PositiveSmallIntegerField(_("how far you would go (km)"), default=10)
    remote_only = models.BooleanField(_("only from home"), default=False)
    needs_wheelchair_access = models.BooleanField(_("I need wheelchair access"), default=False)
    needs_little_german = models.BooleanField(_("I speak little German"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    weekly_digest = models.BooleanField(_("weekly email with new suggestions"), default=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    postal_address = models.TextField(
        _("postal address"), max_length=300, blank=True,
        help_text=_("For people without email: confirmations and reminders go by post or phone."),
    )
    # Asked when the person first requests an Ehrenamtsnachweis: the certificate needs a name, and an
    # account may only have an email address (which must never stand in for the name).
    full_name = models.CharField(_("name on certificates"), max_length=150, blank=True)
    # Where the volunteer desk registered the person (issue 26): that municipality's coordinators find them at the
    # desk before their first sign-up. Empty for people who registered themselves.
    desk_site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    # The secret part of the private calendar address; empty until the person first asks for it, and
    # replaced when they reset it.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return str(self.user)


class CertificateRecord(models.Model):
    """That an organisation saw a certificate (never the document): issue date and when it is due again.
    Deleted three months after the person's engagement with the organisation ends (beat task)."""

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("volunteer"), on_delete=models.CASCADE,
                                  related_name="certificate_records")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="certificate_records")
    requirement = models.CharField(_("certificate"), max_length=24, choices=Opportunity.Requirement.choices)
    seen_on = models.DateField(_("seen on"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due again on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate record")
        verbose_name_plural = _("certificate records")
        ordering = ["-seen_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "organisation", "requirement"], name="one_record_per_kind"),
            models.CheckConstraint(condition=Q(due_on__gt=models.F("issued_on")), name="certificate_due_after_issue"),
        ]

    def __str__(self):
        return f"{self.volunteer_id} / {self.organisation_id}: {self.requirement} (→ {self.due_on})"

    def valid_on(self, day):
        return self.issued_on <= day < self.due_on


class Message(models.Model):
    """A message between an organisation and a volunteer, sent through the site (neither sees the other's
    email address; the recipient gets a notification mail with a link)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="messages")
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_organisation = models.BooleanField(default=False)
    opportunity = models.ForeignKey(Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["organisation", "volunteer", "created_at"])]

    def __str__(self):
        return f"{self.organisation_id} ↔ {self.volunteer_id} {self.created_at:%Y-%m-%d %H:%M}"


NO_EMAIL_DOMAIN = "ohne-email.invalid"


def reachable_by_email(user):
    """People registered at the desk without an email address get an address under the reserved
    `.invalid` top-level domain (RFC 2606) so that accounts stay unique; nothing is ever mailed there."""
    return bool(user.email) and not user.email.endswith("@" + NO_EMAIL_DOMAIN)
