from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Participation events (issue 25): workshops, info stands, district walks, consultation hours and online
    meetings under a process or project, with registration (places, waiting list and offers from
    core.capacity), accessibility requests, check-in on the day, and the input collected there counted in the
    results. Builds on ideas (processes, channels); surveys and paper build on it."""

    name = "participation.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.registry import register_menu_link
        from participation.events.personal_data import register as register_personal_data

        register_menu_link(_("Event calendar"), "participation:events")
        register_personal_data()  # "download my data" and account deletion (accounts)
