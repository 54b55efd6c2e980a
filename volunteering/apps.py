from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Organisations, opportunities, shifts, sign-ups and matching (issue 8)."""

    name = "volunteering"
    verbose_name = _("Volunteering")
