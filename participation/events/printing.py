"""What organisers print for the day of an event (WeasyPrint through core.pdf, nothing fetched): the numbered
participant list, the sign-in sheet for walk-ins and the poster with a QR code to the event page.

Each comes in standard and large print. Large print has bigger type *and* fewer rows on a page: rows are cut
into pages here (not left to the layout), so the numbering, the table head on every page and the row height for
handwriting are the same on every sheet. The participant list is private (names, accessibility needs): only
organisers get it (participation.events.rules.can_organise), and it names the kinds of needs so the team can
prepare, never the details the person wrote.
"""

from dataclasses import dataclass

import segno
from django.utils import timezone

from core import links
from core.pdf import render_pdf
from participation.events.models import Registration

# Rows on one A4 page: a participant list row is one line of print plus room to sign, a sign-in row is a line
# to write on by hand (about 11 mm; 17 mm in large print).
ROWS_PER_PAGE = {False: {"participants": 18, "sign_in": 16}, True: {"participants": 10, "sign_in": 10}}
MAX_SIGN_IN_PAGES = 10


@dataclass(frozen=True)
class Row:
    number: int
    registration: Registration | None = None
    needs: tuple = ()


def paginate(rows, per_page):
    """`rows` in pages of `per_page` (at least one page, empty if there are no rows)."""
    return [rows[start:start + per_page] for start in range(0, len(rows), per_page)] or [[]]


def participants(event):
    """The registered people in the order they registered, with the kinds of accessibility needs they asked for
    (two queries however many there are)."""
    registrations = (event.registrations.filter(status=Registration.Status.REGISTERED)
                     .prefetch_related("requests").order_by("created_at", "pk"))
    return [Row(number, registration, tuple(request.get_kind_display() for request in registration.requests.all()))
            for number, registration in enumerate(registrations, start=1)]


def participant_list_pdf(event, large=False):
    """The numbered participant list: number, receipt number, name, needs, a column to sign. (pdf, refused)"""
    rows = participants(event)
    return render_pdf("events/print/participant_list.html", {
        "event": event, "large": large, "pages": paginate(rows, ROWS_PER_PAGE[large]["participants"]),
        "total": len(rows), "printed": timezone.localtime(),
    })


def sign_in_sheet_pdf(event, large=False, pages=1):
    """Blank numbered rows for walk-ins: name (optional), district, an email address if they want news. (pdf,
    refused)"""
    per_page = ROWS_PER_PAGE[large]["sign_in"]
    rows = [Row(number) for number in range(1, per_page * max(1, min(pages, MAX_SIGN_IN_PAGES)) + 1)]
    return render_pdf("events/print/sign_in_sheet.html", {
        "event": event, "large": large, "pages": paginate(rows, per_page),
    })


def qr_code(url):
    """The QR code of `url` as an SVG data URI (read without fetching anything; segno, as the paper forms)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4)


def event_url(event):
    return links.absolute(event.url, site=event.get_site())


def poster_pdf(event, large=False):
    """An A4 poster to hang up: what, when, where, access, languages and a QR code to the event page. (pdf,
    refused)"""
    from core.i18n import LANGUAGES_SPOKEN

    url = event_url(event)
    names = dict(LANGUAGES_SPOKEN)
    return render_pdf("events/print/poster.html", {
        "event": event, "large": large, "url": url, "qr": qr_code(url),
        "languages": [(code, names.get(code, code)) for code in event.languages or ()],
    })
