"""Participation events and who takes part in them.

An event page sits under a participation process or a project page. People register for its places (guests
confirm their email address first; staff register residents at the desk or on the phone); places, the waiting
list and offers are core.capacity's (participation.events.registration). Accessibility requests belong to a
registration and are seen only by the event's organisers and admins. On the day staff check people in and
count walk-ins; ideas and survey answers collected there carry the event (their `event` field).
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import LANGUAGES_SPOKEN
from core.panels import PageActionsPanel
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions

# How long before an event residents may ask for an interpreter, Leichte Sprache materials and the like:
# interpreters for DGS are booked about two weeks ahead in Schleswig-Holstein, so ten days is what organisers
# can still promise. Shown to the resident as "until <date>".
REQUEST_DEADLINE_DAYS = 10


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    INFO_STAND = "info_stand", _("Info stand")
    DISTRICT_WALK = "district_walk", _("District walk")
    CONSULTATION_HOUR = "consultation", _("Consultation hour")
    ONLINE = "online", _("Online meeting")


# The place's accessibility profile: (field, label), in the order shown and offered as filters.
ACCESS_FEATURES = (
    ("step_free", _("Step-free access")),
    ("accessible_toilet", _("Accessible toilet")),
    ("hearing_loop", _("Hearing loop")),
    ("seating", _("Seating available")),
    ("quiet_room", _("Quiet room")),
)


# What a calendar shows of an event: a change to any of them is a new version of the appointment.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place_name", "address", "online_url", "cancelled")


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, cancelled ones included (they say so), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


EventManager = PageManager.from_queryset(EventQuerySet)


class EventPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, RoutablePageMixin, Page):
    """One event: format, time, place with its accessibility profile, languages, contact, places, agenda; after
    it, the minutes, photos and a short result."""

    format = models.CharField(_("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.WORKSHOP)
    intro = models.TextField(_("short description"), max_length=500,
                             help_text=_("One or two sentences for lists, the calendar and the poster."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place_name = models.CharField(_("place"), max_length=200, blank=True,
                                  help_text=_("For example “Stadtteilbüro Moisling”. Empty for an online meeting."))
    address = models.CharField(_("address"), max_length=250, blank=True)
    district = models.ForeignKey("core.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    online_url = models.URLField(_("address of the online meeting"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    seating = models.BooleanField(_("seating available"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    stop_distance_m = models.PositiveIntegerField(
        _("distance to the nearest bus stop (metres)"), null=True, blank=True)
    stop_name = models.CharField(_("nearest bus stop"), max_length=150, blank=True)
    access_notes = models.TextField(_("more about access"), blank=True,
                                    help_text=_("For example the entrance to use or where the lift is."))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True,
                                 help_text=_("Language codes, for example de, en, tr, ar, uk."))
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    registration = models.BooleanField(
        _("registration"), default=True,
        help_text=_("Without registration everyone just comes; places and accessibility requests need it."))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit."))
    agenda = RichTextField(_("agenda"), features=RICH_TEXT_FEATURES, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), blank=True, related_name="organised_events",
        help_text=_("They see the registrations and accessibility requests and check people in."))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_note = models.TextField(_("why it was cancelled"), blank=True)
    walk_ins = models.PositiveIntegerField(_("walk-ins"), default=0,
                                           help_text=_("People who came without registering (counted, not named)."))
    result = RichTextField(_("result"), features=RICH_TEXT_FEATURES, blank=True,
                           help_text=_("A short result, shown on the event page and the process."))
    minutes = models.ForeignKey("wagtaildocs.Document", verbose_name=_("minutes"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    # Changes of time, place or cancellation raise it, so calendars replace their copy (RFC 5545 SEQUENCE).
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventManager()

    content_panels = Page.content_panels + [
        PageActionsPanel(),
        FieldPanel("format"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("cancelled"),
                         FieldPanel("cancellation_note")], heading=_("When")),
        MultiFieldPanel([FieldPanel("place_name"), FieldPanel("address"), FieldPanel("district"),
                         FieldPanel("online_url")], heading=pgettext_lazy("event place", "Where")),
        MultiFieldPanel([FieldPanel(name) for name, _label in ACCESS_FEATURES]
                        + [FieldPanel("stop_name"), FieldPanel("stop_distance_m"), FieldPanel("access_notes"),
                           FieldPanel("languages")], heading=_("Accessibility and languages")),
        MultiFieldPanel([FieldPanel("registration"), FieldPanel("capacity"), FieldPanel("organisers"),
                         FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
                        heading=_("Registration and contact")),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldPanel("walk_ins"), FieldPanel("result"), FieldPanel("minutes"),
                         InlinePanel("photos", label=_("Photos"))], heading=_("After the event")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("agenda"),
                                          index.SearchField("place_name"), index.FilterField("starts_at")]
    parent_page_types = ["ideas.ParticipationProcessPage", "core.ProjectPage"]
    subpage_types = []
    cache_anonymous = False  # free places change with every registration; the form carries a CSRF token

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]

    @property
    def ics_path(self):
        """Its calendar file (participation.events.urls: a Django address, so it can end in .ics)."""
        from django.urls import reverse

        return reverse("participation:event_ics", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if self.format == EventFormat.ONLINE and not self.online_url:
            raise ValidationError({"online_url": _("An online meeting needs the address people join at.")})
        if self.format != EventFormat.ONLINE and not (self.place_name or self.address):
            raise ValidationError({"place_name": _("Say where the event takes place.")})
        unknown = set(self.languages or ()) - {code for code, _name in LANGUAGES_SPOKEN}
        if unknown:
            raise ValidationError({"languages": _("Unknown language codes: %(codes)s.")
                                   % {"codes": ", ".join(sorted(unknown))}})

    def save(self, *args, **kwargs):
        """A change of time, place or cancellation raises the calendar SEQUENCE (whatever a draft held), so
        calendars that imported the event replace it."""
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or set(CALENDAR_FIELDS) & set(update_fields)):
            stored = type(self).objects.filter(pk=self.pk).values(*CALENDAR_FIELDS, "ical_sequence").first()
            if stored is not None:
                changed = any(stored[name] != getattr(self, name) for name in CALENDAR_FIELDS)
                self.ical_sequence = stored["ical_sequence"] + (1 if changed else 0)
                if changed and update_fields is not None:
                    kwargs["update_fields"] = [*update_fields, "ical_sequence"]
        return super().save(*args, **kwargs)

    @property
    def access_features(self):
        """The labels of the place's accessibility features it has."""
        return [label for name, label in ACCESS_FEATURES if getattr(self, name)]

    @property
    def request_deadline(self):
        """The last day residents may ask for an interpreter and the like."""
        return timezone.localtime(self.starts_at).date() - datetime.timedelta(days=REQUEST_DEADLINE_DAYS)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def takes_registrations(self):
        return self.registration and not self.cancelled and self.starts_at > timezone.now()

    @path("")
    def event(self, request):
        from participation.events import views

        return views.event_page(request, self)

    @path("keine-post/")
    def stop_news(self, request):
        from participation.events import news

        return news.stop(request, self)

    @path("anmelden/")
    def register(self, request):
        from participation.events import registration_views

        return registration_views.register(request, self)

    # Signed tokens contain ":", which Wagtail's page paths do not allow: they travel as ?token=.
    @re_path(r"^anmeldung/(?P<reference>AN-\d{4}-\d+)/$")
    def registration_detail(self, request, reference):
        from participation.events import registration_views

        return registration_views.registration_detail(request, self, reference, request.GET.get("token", ""))


class EventPhoto(Orderable):
    """A photo of the event. Shown only when the people on it agreed (the moderator ticks the box)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("core.CustomImage", verbose_name=_("photo"), on_delete=models.CASCADE,
                              related_name="+")
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    consent = models.BooleanField(
        _("the people recognisable on this photo agreed to its publication"), default=False)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("consent")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def clean(self):
        super().clean()
        if not self.consent:
            raise ValidationError({"consent": _(
                "Only photos whose people agreed may be published: tick the box or remove the photo.")})


class Registration(models.Model):
    """One person's place at an event (or her spot on the waiting list). A guest's registration waits for her
    email confirmation before it takes a place; one made by staff at the desk or on the phone takes it at once."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email not yet confirmed")
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        DESK = "desk", _("At the desk")
        PHONE = "phone", _("By phone")

    HOLDS_A_PLACE = (Status.REGISTERED, Status.OFFERED)
    ACTIVE = (Status.UNCONFIRMED, Status.REGISTERED, Status.WAITLISTED, Status.OFFERED)

    event = models.ForeignKey(EventPage, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="registrations")
    reference = models.CharField(_("receipt number"), max_length=20, unique=True, editable=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="event_registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    consent_updates = models.BooleanField(
        _("may receive news about this event and its process"), default=False)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # When each mail went out (set under the row lock, so a task that runs twice sends one mail).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    offer_sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    event_cancelled_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], condition=Q(user__isnull=False),
                                    name="one_registration_per_account"),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    @property
    def holds_place(self):
        return self.status in self.HOLDS_A_PLACE


class AccessibilityRequestQuerySet(models.QuerySet):
    def standing(self):
        """Requests organisers act on and dashboards count: not those of a registration never confirmed or
        cancelled (she does not come)."""
        return self.exclude(registration__status__in=(Registration.Status.UNCONFIRMED, Registration.Status.CANCELLED))


class AccessibilityRequest(models.Model):
    """What a person needs to take part (an interpreter, Leichte Sprache materials, …). Private: only the
    event's organisers and admins see it; erased with her account and on the retention schedule."""

    class Kind(models.TextChoices):
        DGS = "dgs", _("Sign language interpreter (DGS)")
        EASY_LANGUAGE = "easy_language", _("Materials in Leichte Sprache")
        STEP_FREE_SEAT = "step_free_seat", _("A step-free seat")
        CHILDCARE = "childcare", _("Childcare")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ARRANGED = "arranged", _("Arranged")
        NOT_POSSIBLE = "not_possible", _("Not possible")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("need"), max_length=20, choices=Kind.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer to the person"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccessibilityRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility request")
        verbose_name_plural = _("accessibility requests")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="one_request_per_need")]

    def __str__(self):
        return f"{self.registration.reference}: {self.get_kind_display()}"
