"""Events in the news of their process, and their participants among those staff write to.

- A new event under a process is news for the process's followers (participation.ideas.following.announce),
  once: when it is first published, unless it is over or cancelled.
- Registered participants who ticked "news about this event and its process" are written to with the process's
  followers and from the event's own "Write to participants"; every such mail ends with a link that ends it.
"""

from django.core import signing
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode

from core import links
from core.i18n import source_of
from participation.events.models import EventPage, Registration
from participation.ideas import following, participant_mail
from participation.ideas.models import ParticipationProcessPage, ProcessNews

_STOP_SALT = "participation.events.stop-news"


def announce_event(sender, instance, **kwargs):
    """page_published: a new, upcoming event of a process is news for the process's followers; a cancelled one
    is news for everyone registered (participation.events.notifications.notify_cancellation)."""
    event = instance.specific if not isinstance(instance, EventPage) else instance
    if not isinstance(event, EventPage) or event.ends_at < timezone.now():
        return
    if event.cancelled:
        from participation.events.notifications import notify_cancellation

        notify_cancellation(source_of(event))
        return
    source = source_of(event)
    parent = source.get_parent().specific
    if isinstance(parent, ParticipationProcessPage):
        following.announce(parent, ProcessNews.Kind.EVENT, f"event:{source.translation_key}", title=source.title,
                           path=source.url)


def stop_url(registration):
    event = registration.event
    token = signing.dumps(registration.pk, salt=_STOP_SALT)
    return links.absolute(event.url + event.reverse_subpage("stop_news") + "?" + urlencode({"token": token}),
                          site=event.get_site())


def stop(request, event):
    """The link in every mail to an event's participants: no more news, at once, without signing in."""
    try:
        pk = signing.loads(request.GET.get("token", ""), salt=_STOP_SALT)
    except signing.BadSignature:
        return TemplateResponse(request, "surveys/news_stopped.html", {"page": event, "valid": False}, status=400)
    Registration.objects.filter(pk=pk, event=source_of(event)).update(consent_updates=False)
    return TemplateResponse(request, "surveys/news_stopped.html", {"page": event, "valid": True})


def participants(events):
    """{address: Recipient} of the registered participants (not cancelled) who agreed to news."""
    chosen = {}
    registrations = (Registration.objects.filter(event__in=events, consent_updates=True)
                     .exclude(email="").exclude(status=Registration.Status.CANCELLED)
                     .select_related("event").order_by("created_at", "pk"))
    for registration in registrations:
        chosen[registration.email.lower()] = participant_mail.Recipient(registration.language or "de",
                                                                        stop_url(registration))
    return chosen


def process_audience(page):
    """core.registry.page_audiences: an idea call's events' participants."""
    if not isinstance(page, ParticipationProcessPage):
        return {}
    return participants(EventPage.objects.descendant_of(source_of(page)))


def write_to_participants(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    return participant_mail.write_view(request, event, participants([source_of(event)]))
