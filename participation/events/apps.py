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
        from wagtail.signals import page_published

        from core.registry import (
            register_menu_link,
            register_page_audience,
            register_page_section,
            register_project_section,
            register_region_section,
        )
        from participation.events import news
        from participation.events.personal_data import register as register_personal_data

        register_menu_link(_("Event calendar"), "participation:events")
        register_page_audience(news.process_audience)
        page_published.connect(news.announce_event, dispatch_uid="events-announce")
        register_project_section(_project_events)
        register_page_section("process", _process_events)
        register_region_section(_region_events)
        register_personal_data()  # "download my data" and account deletion (accounts)


def _project_events(project, request):
    """The project page's events: those under the project and under its processes, the next five."""
    from django.template.loader import render_to_string

    from participation.events.models import EventPage
    from participation.events.templatetags.events_tags import upcoming

    events = upcoming(EventPage.objects.descendant_of(project), 5)
    if not events:
        return ""
    return render_to_string("events/includes/project_events.html", {"events": events}, request=request)


def _process_events(process, request):
    """The process page's events: the upcoming ones with their free places, and the past ones with a result.

    Cached as HTML (core.cache.chrome: renewed with every publish) per language, per state of the registrations
    under the process (their number and latest change: one query) and per hour (an event moves from upcoming to
    past within the hour it ends). Rendering the cards cost 20 of the page's 56 ms in the bench's profile."""
    from django.db.models import Count, Max
    from django.utils import timezone, translation

    from core.cache import chrome
    from core.i18n import source_of
    from participation.events.models import Registration

    stamp = Registration.objects.filter(event__path__startswith=source_of(process).path).aggregate(
        n=Count("pk"), last=Max("updated_at"))
    return chrome(request, "process-events", lambda: _render_process_events(process, request), process.pk,
                  translation.get_language(), stamp["n"], stamp["last"], timezone.now().strftime("%Y%m%d%H"))


def _render_process_events(process, request):
    from django.template.loader import render_to_string
    from django.utils import timezone

    from core.i18n import in_language_or_source
    from participation.events.models import EventPage
    from participation.events.views import listed, with_free_places

    events = in_language_or_source(EventPage.objects.child_of(process).live().public())
    now = timezone.now()
    upcoming = with_free_places(listed(events.upcoming(now)))
    results = list(events.past(now).exclude(result="").select_related("district")[:5])
    if not upcoming and not results:
        return ""
    return render_to_string("events/includes/process_events.html",
                            {"events": upcoming, "results": results}, request=request)


def _region_events(request, scope):
    """The region portal's next events of the chosen municipalities (and district), each with its town."""
    from django.template.loader import render_to_string

    from participation.events.models import EventPage
    from participation.events.templatetags.events_tags import upcoming

    events = scope.filter(EventPage.objects.all())
    if scope.district is not None:
        events = events.filter(district=scope.district)
    events = upcoming(events, 12)
    for event in events:
        event.town = scope.town_of(event)
    return render_to_string("events/includes/region_events.html", {"events": events, "level": 3}, request=request)
