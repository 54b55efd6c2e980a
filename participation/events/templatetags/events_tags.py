"""Event teasers for other pages: the home page's "Termine" (it loads this library) and the project page's
slot (participation.events.apps)."""

from django import template
from django.utils import timezone

from core.i18n import in_language_or_source
from core.municipalities import in_site
from participation.events.models import EventPage

register = template.Library()


def upcoming(queryset, limit):
    """The next `limit` events that take place (cancelled ones left out), with their districts."""
    events = in_language_or_source(queryset.live().public()).filter(cancelled=False)
    return list(events.upcoming(timezone.now()).select_related("district")[:limit])


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit=3):
    request = context["request"]  # the municipality's own (issue 26)
    return {"events": upcoming(in_site(EventPage.objects.all(), request), limit), "request": request, "level": 3}
