from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Participation processes, ideas, surveys, paper forms and scan import (issues 4–7)."""

    name = "participation"
    verbose_name = _("Participation")
