"""Shifts as calendar events: the private feed a volunteer subscribes to, and the `.ics` mailed with a
confirmation. Both give a shift the same UID, so a calendar that has both shows the shift once."""

import datetime
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from core import links
from volunteering.models import Signup, VolunteerProfile

PAST_DAYS = 90
FEED_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.REQUESTED, Signup.Status.ATTENDED)


def site_root():
    """The default site's address (`https://mitgestalten.luebeck.de`, core.links): links in mails and events,
    and the host in event UIDs. The worker has no request, so the feed uses it too and the UIDs agree."""
    return links.site_root()


def shift_uid(shift, root):
    host = root.split("://", 1)[-1].split(":")[0].split("/")[0]
    return f"shift-{shift.pk}@{host}"


def shift_event(signup, root, now):
    """One event; `signup.shift.opportunity.organisation` should be loaded with it (select_related)."""
    shift = signup.shift
    opportunity = shift.opportunity
    organisation = opportunity.organisation
    url = root + reverse("volunteering:opportunity", kwargs={"slug": opportunity.slug})
    event = Event()
    event.add("uid", shift_uid(shift, root))
    event.add("sequence", shift.sequence)
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", shift.starts_at.astimezone(datetime.UTC))
    event.add("dtend", shift.ends_at.astimezone(datetime.UTC))
    event.add("summary", opportunity.title)
    location = opportunity.place or (_("from home") if opportunity.remote else "")
    if location:
        event.add("location", location)
    event.add("url", url)
    lines = [_("Organisation: %(name)s") % {"name": organisation.name}]
    if organisation.contact_phone:
        lines.append(_("Phone: %(phone)s") % {"phone": organisation.contact_phone})
    if signup.status == Signup.Status.REQUESTED:
        lines.append(_("Your request is waiting for the organisation's answer."))
    lines.append(url)
    event.add("description", "\n".join(lines))
    # A request is not yet a promise: calendars show it as tentative.
    event.add("status", "TENTATIVE" if signup.status == Signup.Status.REQUESTED else "CONFIRMED")
    return event


def calendar_for(signups, root, now=None, method=None):
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Hansestadt Lübeck//Mitgestalten//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My volunteering"))
    if method:
        calendar.add("method", method)
    for signup in signups:
        calendar.add_component(shift_event(signup, root, now))
    return calendar.to_ical()


def shift_ics(signup, root, now=None):
    """The `.ics` attached to a confirmation mail (bytes)."""
    return calendar_for([signup], root, now, method="PUBLISH")


@require_GET
def calendar_feed(request, token):
    """The private feed: no login (calendar apps cannot sign in); the unguessable token is the key."""
    profile = VolunteerProfile.objects.filter(calendar_token=token).exclude(calendar_token="").first()
    if profile is None:
        raise Http404
    now = timezone.now()
    signups = (Signup.objects.filter(volunteer_id=profile.user_id, status__in=FEED_STATUSES,
                                     shift__ends_at__gte=now - datetime.timedelta(days=PAST_DAYS))
               .select_related("shift__opportunity__organisation").order_by("shift__starts_at", "pk"))
    response = HttpResponse(calendar_for(signups, site_root(), now), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = 'inline; filename="engagement.ics"'
    return response


@require_POST
@login_required
def calendar_address(request):
    """Create the private address, or replace it: the old address stops working at once."""
    profile, _created = VolunteerProfile.objects.get_or_create(user=request.user)
    had_one = bool(profile.calendar_token)
    profile.calendar_token = secrets.token_urlsafe(32)
    profile.save(update_fields=["calendar_token"])
    if had_one:
        messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    else:
        messages.success(request, _("Your calendar address is ready. Add it to your calendar app."))
    return redirect(reverse("volunteering:my_signups") + "#kalender")
