from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


@register_snippet
class District(models.Model):
    """A part of the Lübeck region (Stadtteil, Ortsteil) that ideas, survey answers, volunteering
    opportunities and volunteers refer to. Editors can add more. Site-wide, so every app may use it; its
    table keeps the name it had when participation owned it (core migration 0010 moved it without a copy)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    latitude = models.FloatField(_("latitude of its centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of its centre"), null=True, blank=True)
    # Each municipality has its own Stadtteile or Ortsteile (issue 26); the districts from before belong to the
    # default site, so an empty value means that one and no row had to change.
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("municipality"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="districts",
                             help_text=_("Empty: the district belongs to the default site's municipality."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("site"), FieldPanel("sort_order"),
              FieldPanel("latitude"), FieldPanel("longitude")]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["sort_order", "name"]
        db_table = "participation_district"

    def __str__(self):
        return self.name
