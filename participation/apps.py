from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """The participation folder's shared part: the URL conf that keeps every public address of ideas and paper
    under one namespace, and the history of the tables before they were split into three apps (migrations
    0001–0017; since 0017 the models belong to participation.ideas, .surveys and .paper, in the same tables)."""

    name = "participation"
    verbose_name = _("Participation")
