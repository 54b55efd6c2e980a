from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """The site's image, with alt text and credit kept once, where editors upload it."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Photographer or source, shown below the image.")
    )

    # Images are one record for every language (pages are copied per language, images are not): the other
    # languages' alternative texts live here, {"en": "…"}, edited in the image form (core/image_forms.py).
    alt_texts = models.JSONField(_("alternative texts in other languages"), default=dict, blank=True)

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit")

    def alt_text_for(self, language):
        """The alternative text in `language` (a language code), else the German one."""
        return (self.alt_texts or {}).get(language) or self.alt_text

    @property
    def default_alt_text(self):
        """The alternative text in the active language: what Wagtail's {% image %} tag and our templates show."""
        return self.alt_text_for(translation.get_language())

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
