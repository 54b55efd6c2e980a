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
        from core.registry import register_menu_link, register_project_section

        register_menu_link(_("Event calendar"), "participation:events")
        register_project_section(_project_events)


def _project_events(project, request):
    """The project page's events: those under the project and under its processes, the next five."""
    from django.template.loader import render_to_string

    from participation.events.models import EventPage
    from participation.events.templatetags.events_tags import upcoming

    events = upcoming(EventPage.objects.descendant_of(project), 5)
    if not events:
        return ""
    return render_to_string("events/includes/project_events.html", {"events": events}, request=request)
