"""Events as iCalendar (RFC 5545): one event's `.ics` and the feed of all events.

UIDs are stable (the event's translation key: every language version is the same appointment), SEQUENCE rises
with every change of time, place or cancellation, and a cancelled event is sent with METHOD:CANCEL and
STATUS:CANCELLED so calendars that imported it remove it.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone

from core import links
from core.i18n import source_of

PRODID = "-//Mitgestalten Luebeck//Termine//DE"


def _escape(text):
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid(event):
    return f"{source_of(event).translation_key}@mitgestalten.luebeck.de"


def vevent(event, now=None):
    where = ", ".join(part for part in (event.place_name, event.address) if part) or event.online_url
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event)}",
        f"DTSTAMP:{_stamp(now or timezone.now())}",
        f"DTSTART:{_stamp(event.starts_at)}",
        f"DTEND:{_stamp(event.ends_at)}",
        f"SEQUENCE:{event.ical_sequence}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(event.intro)}",
        f"URL:{links.absolute(event.url, site=event.get_site())}",
        "STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED",
    ]
    if where:
        lines.append(f"LOCATION:{_escape(where)}")
    if event.contact_email:
        lines.append(f"ORGANIZER;CN={_escape(event.contact_name or event.contact_email)}:mailto:{event.contact_email}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, method="PUBLISH"):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", f"METHOD:{method}", "CALSCALE:GREGORIAN"]
    now = timezone.now()
    for event in events:
        lines.extend(vevent(event, now))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, page):
    """The calendar file of one event page (its language version's title and address)."""
    method = "CANCEL" if page.cancelled else "PUBLISH"
    return ics_response(calendar([page], method), f"{page.slug}.ics")
