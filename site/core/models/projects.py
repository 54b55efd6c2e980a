from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models.pages import IndexPage
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions


class ProjectIndexPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, IndexPage):
    """The list of the Smart City projects."""

    subpage_types = ["core.ProjectPage"]

    class Meta:
        verbose_name = _("project index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = (
            ProjectPage.objects.child_of(self).live().select_related("hero_image")
            .defer_streamfields().order_by("title")
        )
        return context


class ProjectPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """One Smart City project: status, funding, people, goals, milestones and what belongs to it."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNING = "planning", _("Planning")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    teaser = models.TextField(_("teaser"), max_length=400, help_text=_("One or two sentences for lists and search."))
    hero_image = models.ForeignKey(
        "core.CustomImage", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNING)
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    funding_rate = models.PositiveSmallIntegerField(
        _("funding rate (%)"), null=True, blank=True, help_text=_("Share paid by the funding body, in percent.")
    )
    budget = models.CharField(_("budget"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True, help_text=_("For example 2023–2028."))
    partners = models.TextField(_("partners"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    patrons = models.TextField(
        _("patrons"), blank=True, help_text=_("Members of the advisory board who support this project (Paten).")
    )
    goals = StreamField(
        [("goal", blocks.CharBlock(label=_("Goal"), max_length=300))], verbose_name=_("goals"), blank=True,
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("period"), FieldPanel("funding_programme"), FieldPanel("funding_rate"),
             FieldPanel("budget")],
            heading=_("Status and funding"),
        ),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("patrons")],
            heading=_("People"),
        ),
        FieldPanel("goals"),
        FieldPanel("body"),
        InlinePanel("milestones", label=_("Milestones")),
        InlinePanel("data_sets", label=_("Open data sets")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"), index.SearchField("body"), index.SearchField("partners"),
    ]
    api_fields = [
        APIField("teaser"), APIField("status"), APIField("funding_programme"), APIField("funding_rate"),
        APIField("budget"), APIField("period"), APIField("partners"), APIField("goals"), APIField("body"),
    ]
    parent_page_types = ["core.ProjectIndexPage"]
    # Its children name it in their parent_page_types (processes, surveys, events): core names no feature app.

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")


class Milestone(Orderable):
    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    when = models.CharField(_("when"), max_length=50, help_text=_("A date or period, e.g. 2023 or Q3 2026."))
    title = models.CharField(_("milestone"), max_length=250)
    done = models.BooleanField(_("reached"), default=False)

    panels = [FieldPanel("when"), FieldPanel("title"), FieldPanel("done")]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")


class ProjectDataSet(Orderable):
    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="data_sets")
    title = models.CharField(_("title"), max_length=250)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("open data set")
