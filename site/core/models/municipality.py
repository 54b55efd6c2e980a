"""A municipality of the region (issue 26): one Wagtail Site with its own page tree, name, look, contact, languages and
paper-form return address. Wagtail's own multi-site mechanism routes each host to its tree; these are the site's
settings (one row per Site, `Municipality.for_site` / `for_request`)."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_ACCENT = "#0b4f8a"  # site.css's --mg-blue: 8.3:1 on white
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_on_white(hex_colour):
    """WCAG 2.1 contrast ratio of the colour against white (links on white, white text on buttons)."""
    return 1.05 / (_luminance(hex_colour) + 0.05)


def validate_accent(value):
    if not HEX.match(value or ""):
        raise ValidationError(_("Give the colour as #RRGGBB, for example #0b4f8a."))
    ratio = contrast_on_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _("This colour has a contrast of %(ratio)s:1 against white; links and buttons need at least 4.5:1 "
              "(WCAG 2.1 AA). Choose a darker shade.") % {"ratio": f"{ratio:.1f}"})


class LanguagesField(models.JSONField):
    """A list of language codes, edited as tick boxes (a JSON text box would be no way to choose languages)."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(choices=settings.LANGUAGES, required=False, label=self.verbose_name,
                                         help_text=self.help_text, widget=forms.CheckboxSelectMultiple)


@register_setting(icon="site")
class Municipality(BaseSiteSetting):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        MUNICIPALITY = "municipality", _("Municipality (Gemeinde)")
        AMT = "amt", _("Amt")
        DISTRICT = "district", _("District (Kreis)")
        PARTNER = "partner", _("Smarte Hanse partner city")

    name = models.CharField(_("name"), max_length=100, blank=True,
                            help_text=_("As residents know it, for example “Hansestadt Lübeck”. Empty: the site's "
                                        "name."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    logo = models.ForeignKey("core.CustomImage", verbose_name=_("logo"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text=_("Shown beside the platform's name in the header. Empty: the platform's logo."))
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default=DEFAULT_ACCENT, validators=[validate_accent],
        help_text=_("Links, buttons and the header line, within the KERN design: at least 4.5:1 against white."))
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.TextField(_("contact address"), max_length=500, blank=True)
    return_address = models.TextField(
        _("return address for paper forms"), max_length=500, blank=True,
        help_text=_("Printed on paper forms: where residents hand them in or send them."))
    official_key = models.CharField(
        _("official municipality key"), max_length=8, blank=True, validators=[RegexValidator(r"^\d{8}$", _(
            "The official municipality key (Amtlicher Gemeindeschlüssel) has eight digits, for example 01003000."))],
        help_text=_("Amtlicher Gemeindeschlüssel: names the place of its open data (DCAT-AP.de). Empty: the "
                    "platform's setting."))
    languages = LanguagesField(
        _("languages"), default=list, blank=True,
        help_text=_("The languages this site offers. Empty: every language of the platform."))

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("logo"), FieldPanel("accent_colour")],
                        heading=_("Name and look")),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_address"),
                         FieldPanel("return_address"), FieldPanel("official_key")], heading=_("Contact")),
        FieldPanel("languages"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name or self.site.site_name or self.site.hostname

    def offered_languages(self):
        """The language codes this site offers, in the platform's order (the default language always)."""
        chosen = set(self.languages or ())
        default = settings.LANGUAGE_CODE
        return [code for code, _name in settings.LANGUAGES if not chosen or code in chosen or code == default]

    def clean(self):
        super().clean()
        self.languages = list(self.languages or [])  # no tick: every language
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in self.languages or () if code not in known]
        if unknown:
            raise ValidationError({"languages": _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}})


class MunicipalStaff(models.Model):
    """A staff group that works for one municipality only (issue 26). `create_municipality` makes one per role
    ("Wismar: Moderation", …); its members see and change only that municipality's pages, ideas, surveys, paper,
    exports and dashboards (`core.staff_scope`). The platform's own role groups ("Moderation", …) have no row here:
    they are the region's staff and see every municipality."""

    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, primary_key=True,
                                 related_name="municipality", verbose_name=_("group"))
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="staff_groups",
                             verbose_name=_("municipality"))
    role = models.CharField(_("role"), max_length=40)

    class Meta:
        verbose_name = _("municipal staff group")
        verbose_name_plural = _("municipal staff groups")

    def __str__(self):
        return self.group.name
