"""The accessibility statement (BITV 2.0 § 7, EU model statement) and the pages in Leichte Sprache and DGS."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accessibility.blocks import EasyLanguageStreamBlock
from core.blocks import BaseStreamBlock
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions


class AccessibilityStatementPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """Erklärung zur Barrierefreiheit: the sections the EU model statement (2018/1523) and BITV 2.0 ask for."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    intro = models.TextField(_("introduction"), blank=True)
    applies_to = models.CharField(
        _("the statement applies to"), max_length=255,
        help_text=_("The website or app this statement is about, for example “mitgestalten.luebeck.de”."),
    )
    conformance = models.CharField(_("conformance status"), max_length=10, choices=Conformance.choices,
                                   default=Conformance.PARTIAL)
    conformance_note = models.TextField(
        _("about the conformance status"), blank=True,
        help_text=_("One or two sentences on the standard tested against, e.g. BITV 2.0 / EN 301 549 (WCAG 2.1 AA)."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"))
    assessment_method = models.CharField(_("method of assessment"), max_length=20, choices=Method.choices,
                                         default=Method.SELF)
    assessed_by = models.CharField(_("assessed by"), max_length=255, blank=True,
                                   help_text=_("Who carried out the assessment. Required for a third-party one."))

    contact_name = models.CharField(_("contact: office"), max_length=255)
    contact_address = models.TextField(_("contact: postal address"))
    contact_email = models.EmailField(_("contact: email"))
    contact_phone = models.CharField(_("contact: phone"), max_length=50, blank=True)

    enforcement_body = models.CharField(
        _("enforcement: body"), max_length=255,
        help_text=_("The complaints office (Schleswig-Holstein: the Beschwerdestelle für barrierefreie "
                    "Informationstechnik at the state commissioner for people with disabilities)."),
    )
    enforcement_text = models.TextField(
        _("enforcement: procedure"),
        help_text=_("When and how people can turn to the complaints office, in plain words."),
    )
    enforcement_address = models.TextField(_("enforcement: postal address"), blank=True)
    enforcement_email = models.EmailField(_("enforcement: email"), blank=True)
    enforcement_phone = models.CharField(_("enforcement: phone"), max_length=50, blank=True)
    enforcement_url = models.URLField(_("enforcement: website"), blank=True)

    body = StreamField(BaseStreamBlock(), verbose_name=_("further information"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("applies_to"), FieldPanel("conformance"), FieldPanel("conformance_note")],
                        heading=_("Conformance status")),
        InlinePanel("barriers", heading=_("Content that is not accessible"), label=_("Barrier")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            FieldRowPanel([FieldPanel("assessment_method"), FieldPanel("assessed_by")]),
        ], heading=_("Preparation of this statement")),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_address"),
                         FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")])],
                        heading=_("Feedback and contact")),
        MultiFieldPanel([FieldPanel("enforcement_body"), FieldPanel("enforcement_text"),
                         FieldPanel("enforcement_address"),
                         FieldRowPanel([FieldPanel("enforcement_email"), FieldPanel("enforcement_phone")]),
                         FieldPanel("enforcement_url")],
                        heading=_("Enforcement procedure")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        super().clean()
        if self.assessment_method == self.Method.THIRD_PARTY and not self.assessed_by.strip():
            raise ValidationError({"assessed_by": _("Name who carried out the assessment.")})
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            raise ValidationError({"reviewed_on": _("The review cannot be earlier than the preparation.")})


class Barrier(Orderable):
    """One piece of content that is not accessible, why, and how to get it another way."""

    class Reason(models.TextChoices):
        NON_COMPLIANCE = "non_compliance", _("not yet compliant (we are fixing it)")
        DISPROPORTIONATE_BURDEN = "disproportionate_burden", _("disproportionate burden")
        OUT_OF_SCOPE = "out_of_scope", _("not within the scope of the regulation")

    page = ParentalKey(AccessibilityStatementPage, on_delete=models.CASCADE, related_name="barriers")
    title = models.CharField(_("barrier"), max_length=255, help_text=_("What is not accessible, in a few words."))
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("Who is affected and how; which requirement is not met."))
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices, default=Reason.NON_COMPLIANCE)
    alternative = models.TextField(_("accessible alternative"), blank=True,
                                   help_text=_("How people get the content anyway, e.g. by phone or on paper."))

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("reason"), FieldPanel("alternative")]

    class Meta(Orderable.Meta):
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")


class EasyLanguagePage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """A page in Leichte Sprache (plain German with short sentences, large type and pictures)."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two short sentences."))
    body = StreamField(EasyLanguageStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "accessibility.EasyLanguagePage"]
    subpage_types = ["accessibility.EasyLanguagePage"]

    # The editor warns about longer sentences (accessibility/readability.py); Leichte Sprache asks for short ones.
    long_sentence_limit = 12

    class Meta:
        verbose_name = _("page in Easy Language")
        verbose_name_plural = _("pages in Easy Language")


class SignLanguagePage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
    """A page with a video in German Sign Language (DGS), its captions and a text version."""

    intro = models.TextField(_("introduction"), blank=True)
    video = models.ForeignKey(
        "accessibility.SignLanguageVideo", verbose_name=_("video"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Without a video, the page says that the video will follow."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("video"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "accessibility.SignLanguagePage"]
    subpage_types = ["accessibility.SignLanguagePage"]

    class Meta:
        verbose_name = _("page in German Sign Language")
        verbose_name_plural = _("pages in German Sign Language")
