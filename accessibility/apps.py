from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """Accessibility statement, barrier feedback, Leichte Sprache and DGS (issue 10)."""

    name = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from accessibility.display import COOKIE_NAME, normalise
        from accessibility.personal_data import register as register_personal_data
        from core.cache import vary_on_cookie

        # Pages look different with display preferences: the anonymous page cache keeps one entry per choice.
        vary_on_cookie(COOKIE_NAME, normalise)
        register_personal_data()  # "download my data" and account deletion (accounts)
