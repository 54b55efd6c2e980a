from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions


class IndexPage(Page):
    """A list of pages with an introduction, once below each home page (the blog, the projects)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """The start page of one language tree: hero, introduction and content blocks."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences below the title.")
    )
    hero_image = models.ForeignKey(
        "core.CustomImage", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    # Pages in Leichte Sprache and Gebärdensprache (DGS) are found by slug in this language tree.
    INCLUSION_PAGES = [("leichte-sprache", "easy-language"), ("gebaerdensprache", "sign-language")]

    def inclusion_links(self):
        pages = {p.slug: p for p in self.get_children().live().filter(slug__in=[s for s, _ in self.INCLUSION_PAGES])}
        return [{"page": pages[slug], "icon": icon} for slug, icon in self.INCLUSION_PAGES if slug in pages]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """A plain content page: Impressum, Datenschutz, about pages and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
