from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """Accessibility statement, barrier feedback, Leichte Sprache and DGS (issue 10)."""

    name = "accessibility"
    verbose_name = _("Accessibility")
