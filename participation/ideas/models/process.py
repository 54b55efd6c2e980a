import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import source_of
from core.panels import PageActionsPanel
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions


class ParticipationProcessPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, RoutablePageMixin, Page):
    """A participation process: description, phases, formats, moderation and contact.

    Its URLs (see participation.ideas.views): the idea list, the form, an idea's page, support.
    """

    class Moderation(models.TextChoices):
        PRE = "pre", _("Pre-moderation: ideas appear after a moderator publishes them")
        POST = "post", _("Post-moderation: ideas appear at once, moderators can hide them")

    intro = models.TextField(_("introduction"), blank=True)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    ideas_enabled = models.BooleanField(_("collect ideas"), default=True)
    moderation = models.CharField(_("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PRE)
    categories = ParentalManyToManyField(
        "ideas.IdeaCategory", verbose_name=_("allowed categories"), blank=True,
        help_text=_("Leave empty to allow every category."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    paper_hint = models.TextField(
        _("where to hand in paper forms"), blank=True,
        help_text=_("For example the citizens' offices and their opening hours."),
    )

    content_panels = Page.content_panels + [
        PageActionsPanel(),
        FieldPanel("intro"),
        FieldPanel("description"),
        InlinePanel("phases", label=_("Phases"), min_num=1),
        MultiFieldPanel([FieldPanel("ideas_enabled"), FieldPanel("moderation"), FieldPanel("categories")],
                        heading=_("Formats and moderation")),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone"),
                         FieldPanel("paper_hint")], heading=_("Contact")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("description")]
    parent_page_types = ["core.HomePage", "core.ProjectPage", "core.StandardPage"]
    subpage_types = ["surveys.SurveyPage", "events.EventPage"]

    # Lists change with every idea and the form carries a CSRF token: never from the page cache.
    cache_anonymous = False

    class Meta:
        db_table = "participation_participationprocesspage"
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")

    @path("")
    def idea_list(self, request):
        from participation.ideas import views

        return views.idea_list(request, self)

    @path("idee/neu/")
    def submit_idea(self, request):
        from participation.ideas import views

        return views.submit_idea(request, self)

    @path("idee/drucken/")
    def paper_form(self, request):
        from core.registry import printable_twin

        if not self.ideas_enabled:
            from django.http import Http404

            raise Http404
        return printable_twin(request, self)

    @path("idee/schalter/")
    def desk_idea(self, request):
        from participation.ideas import views

        return views.submit_idea(request, self, desk=True)

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/$")
    def idea_detail(self, request, reference):
        from participation.ideas import views

        return views.idea_detail(request, self, reference)

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/unterstuetzen/$")
    def support_idea(self, request, reference):
        from participation.ideas import views

        return views.support_idea(request, self, reference)

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/unterstuetzen/bestaetigen/$")
    def confirm_support(self, request, reference):
        from participation.ideas import views

        return views.confirm_support(request, self, reference, request.GET.get("token", ""))

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/kommentar/$")
    def comment_idea(self, request, reference):
        from participation.ideas import views

        return views.comment_idea(request, self, reference)

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/melden/$")
    def report_idea(self, request, reference):
        from participation.ideas import views

        return views.report_content(request, self, reference)

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/kommentar/(?P<comment_id>\d+)/melden/$")
    def report_comment(self, request, reference, comment_id):
        from participation.ideas import views

        return views.report_content(request, self, reference, int(comment_id))

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/quittung/$")
    def receipt(self, request, reference):
        from participation.ideas import views

        return views.receipt(request, self, reference)

    # Signed tokens contain ":", which Wagtail's page paths do not allow: they travel as ?token=.
    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/bestaetigen/$")
    def confirm_idea(self, request, reference):
        from participation.ideas import views

        return views.confirm_idea(request, self, reference, request.GET.get("token", ""))

    @re_path(r"^idee/(?P<reference>ID-\d{4}-\d+)/abmelden/$")
    def unsubscribe(self, request, reference):
        from participation.ideas import views

        return views.unsubscribe(request, self, reference, request.GET.get("token", ""))

    @path("folgen/")
    def follow(self, request):
        from participation.ideas import following

        return following.follow(request, self)

    @path("folgen/bestaetigen/")
    def confirm_follow(self, request):
        from participation.ideas import following

        return following.confirm(request, self, request.GET.get("token", ""))

    @path("folgen/abbestellen/")
    def stop_following(self, request):
        from participation.ideas import following

        return following.stop(request, self, request.GET.get("token", ""))

    def phase_at(self, moment=None):
        moment = moment or timezone.now()
        for phase in self.phases.all():
            if phase.starts_at <= moment < phase.ends_at:
                return phase
        return None

    def current_phase_kind(self, moment=None):
        phase = self.phase_at(moment)
        return phase.kind if phase else None

    def allowed_categories(self):
        from participation.ideas.models.ideas import IdeaCategory

        # A translation offers what its German page offers (its own copy of the choice is not kept in sync).
        chosen = source_of(self).categories.all()
        return chosen if chosen.exists() else IdeaCategory.objects.all()

    def events(self):
        """The event pages of this process (those under its German page, which holds the ideas), newest first.
        Reached through the model of `Idea.event`: the ideas app does not import the events app."""
        from participation.ideas.models.ideas import Idea

        event_model = Idea._meta.get_field("event").related_model
        return event_model.objects.child_of(source_of(self)).order_by("-starts_at", "-pk")


class Phase(Orderable):
    class Kind(models.TextChoices):
        COLLECT = "collect", _("Collect ideas")
        SUPPORT = "support", _("Support")
        REVIEW = "review", _("Review")
        RESULT = "result", _("Result")

    process = ParentalKey(ParticipationProcessPage, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    description = models.CharField(_("what happens"), max_length=300, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        db_table = "participation_phase"
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A phase must end after it starts.")})

    @property
    def duration(self):
        return (self.ends_at - self.starts_at) if self.starts_at and self.ends_at else datetime.timedelta()
