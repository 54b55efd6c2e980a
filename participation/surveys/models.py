import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.panels import PageActionsPanel
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions
from participation.ideas.models.ideas import Channel
from participation.surveys.blocks import SectionBlock


class SurveyPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, RoutablePageMixin, Page):
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
        PageActionsPanel(),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("audience"),
                         FieldPanel("public_results")], heading=_("When and who")),
        FieldPanel("questions"),
        FieldPanel("thank_you"),
        FieldPanel("paper_hint"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["core.HomePage", "core.ProjectPage", "core.StandardPage",
                         "ideas.ParticipationProcessPage"]
    subpage_types = []
    cache_anonymous = False  # forms with CSRF tokens and changing results

    class Meta:
        db_table = "participation_surveypage"
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def is_closed(self, moment=None):
        return (moment or timezone.now()) >= self.closes_at

    @path("")
    def start(self, request):
        from participation.surveys import views as survey_views

        return survey_views.start(request, self)

    @re_path(r"^antworten/(?P<token>[0-9a-f]{32})/(?P<step>\d+)/$")
    def answer(self, request, token, step):
        from participation.surveys import views as survey_views

        return survey_views.answer(request, self, token, int(step))

    @re_path(r"^danke/(?P<token>[0-9a-f]{32})/$")
    def thanks(self, request, token):
        from participation.surveys import views as survey_views

        return survey_views.thanks(request, self, token)

    @re_path(r"^bestaetigen/(?P<token>[0-9a-f]{32})/$")
    def confirm_email(self, request, token):
        from participation.surveys import views as survey_views

        return survey_views.confirm_email(request, self, token)

    @path("drucken/")
    def paper_form(self, request):
        from core.registry import printable_twin

        return printable_twin(request, self)

    @path("keine-post/")
    def stop_news(self, request):
        from participation.surveys import followers

        return followers.stop(request, self)

    @path("ergebnisse/")
    def results(self, request):
        from participation.surveys import views as survey_views

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
    access_code = models.OneToOneField("surveys.AccessCode", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="response")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    event = models.ForeignKey("events.EventPage", verbose_name=_("event"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="survey_responses",
                              help_text=_("The event where the answers were collected (channel “event”)."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    paper_sheet = models.CharField(_("paper sheet"), max_length=40, blank=True,
                                   help_text=_("Serial of the returned paper form (filled by paper entry)."))
    answers = models.JSONField(_("answers"), default=dict)
    not_counted = models.JSONField(
        _("answers not counted"), default=dict, blank=True,
        help_text=_("Answers written on a paper sheet to questions whose condition the sheet does not meet: kept, "
                    "not counted in results or exports."),
    )
    results_email = models.EmailField(
        _("email for news"), blank=True,
        help_text=_("Left on the thank-you page to hear about the results; staff may write to it until the person "
                    "stops it (the link in every such mail)."))
    results_email_at = models.DateTimeField(_("asked for news"), null=True, blank=True)
    page_drafts = models.JSONField(
        _("pages left with “Back”"), default=dict, blank=True,
        help_text=_("What was on a page when its person went back, as typed (valid or not), shown again on return."))
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
        db_table = "participation_surveyresponse"
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
        db_table = "participation_accesscode"
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
