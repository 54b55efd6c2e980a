"""Public event pages and the event list ("Termine")."""

import bisect
import datetime
from functools import partial

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core.cache import chrome
from core.filters import DateRangeForm, day_range, list_filters
from core.i18n import LANGUAGES_SPOKEN, in_language_or_source, source_of
from core.municipalities import districts_here, in_site
from core.pagination import page_or_404
from core.serving import public_pages
from participation.events.calendar import calendar, ics_response
from participation.events.models import ACCESS_FEATURES, EventFormat, EventPage, Registration
from participation.events.registration import PLACES


def event_page(request, page):
    source = source_of(page)
    free = None
    if page.registration and page.capacity is not None:
        free = max(0, page.capacity - PLACES.taken(source))
    names = dict(LANGUAGES_SPOKEN)
    context = {
        "page": page,
        "free_places": free,
        "languages": [(code, names.get(code, code)) for code in page.languages or ()],
        # Published with the page: kept per content version (core.cache.chrome), no query per request.
        "photos": chrome(request, "event-photos", lambda: [
            photo for photo in page.photos.select_related("image") if photo.consent], page.pk),
    }
    return TemplateResponse(request, "events/event_page.html", context)


PER_PAGE = 20
FEATURES = [name for name, _label in ACCESS_FEATURES]


def public_events(request=None):
    """Live, public events in the visitor's language (or the German page where no translation exists); with the
    request, only the events of the host's municipality (issue 26: the region portal lists every municipality's),
    and the restricted sections come from the cache (core.serving.public_pages) instead of a query."""
    live = EventPage.objects.live()
    if request is None:
        return in_language_or_source(live.public())
    return in_language_or_source(public_pages(in_site(live, request), request))


def listed(events):
    """With what each card shows, in one query: district, and the places taken (`taken`). Registrations belong to
    the event's page in the default language (core.i18n.source_of): a translation counts its source's, found by
    the shared translation key."""
    taken = (Registration.objects.filter(event__translation_key=OuterRef("translation_key"),
                                         status__in=Registration.HOLDS_A_PLACE)
             .order_by().values("event__translation_key").annotate(n=Count("pk")).values("n"))
    return events.select_related("district").annotate(taken=Coalesce(Subquery(taken), 0))


def with_free_places(events):
    """Sets each listed event's `free_places` (None where nobody registers or places are not limited)."""
    events = list(events)
    for event in events:
        limited = event.registration and event.capacity is not None
        event.free_places = max(0, event.capacity - event.taken) if limited else None
    return events


def event_list(request):
    """Termine: upcoming events (or past ones with their results), filterable by district, format, date and
    accessibility features, each feature a checkbox; every filter is a plain GET parameter (bookmarkable)."""
    now = timezone.now()
    filters = {key: request.GET.get(key, "")[:60] for key in ("district", "format", "when")}
    form = DateRangeForm(request.GET or None)
    dates = form.cleaned_data if form.is_valid() else {}
    flags = {name: request.GET.get(name) == "1" for name in FEATURES}
    past = filters["when"] == "past"
    events = public_events(request)
    events = events.past(now) if past else events.upcoming(now)
    events = list_filters(events, filters, {"district": ("district__slug", None),
                                            "format": ("format", EventFormat.values)})
    start, end = day_range(dates.get("date_from"), dates.get("date_to"))
    if start:
        events = events.filter(ends_at__gte=start)
    if end:
        events = events.filter(starts_at__lt=end)
    for name, wanted in flags.items():
        if wanted:
            events = events.filter(**{name: True})
    districts = chrome(request, "districts", lambda: list(districts_here(request)))
    # Only what a card's key needs: the cards come from the cache (event_cards).
    page_of = page_or_404(listed(events).values_list(*CARD_KEY_FIELDS, named=True), request.GET.get("page"), PER_PAGE,
                          count=_count(request, events, now, filters, flags, districts))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(request, "events/event_list.html", {
        "events": page_of, "event_cards": event_cards(request, page_of),
        "filters": filters, "flags": flags, "form": form, "past": past,
        "districts": districts, "formats": EventFormat.choices,
        "features": [(name, label, flags[name]) for name, label in ACCESS_FEATURES],
        "query": query.urlencode(),
    })


def _count(request, events, now, filters, flags, districts):
    """How many events the filters find, counted once per content version and "epoch" (core.cache.chrome): which
    events are upcoming or past changes only when one of them ends, so the key holds how many live events have
    ended by `now` (their end times kept per content version). Only for a known district and format and no dates,
    so made-up values never fill the cache; anything else is counted by the paginator as before (None)."""
    known = (filters["district"] in {"", *(item.slug for item in districts)}
             and filters["format"] in {"", *EventFormat.values}
             and not request.GET.get("date_from") and not request.GET.get("date_to"))
    if not known:
        return None
    ends = chrome(request, "event-ends", lambda: sorted(EventPage.objects.live().values_list("ends_at", flat=True)))
    ended = bisect.bisect_left(ends, now)  # events with ends_at < now: the same number until the next one ends
    chosen = sorted(name for name, wanted in flags.items() if wanted)
    return chrome(request, "event-count", events.count, translation.get_language(), ended, filters["when"] == "past",
                  filters["district"], filters["format"], *chosen)


CARD_KEY_FIELDS = ("pk", "registration", "capacity", "taken", "ends_at")


def event_cards(request, rows):
    """The cards of one page of the calendar as HTML, each kept per content version, language, free places and
    whether the event is over (core.cache.chrome): a card shows page content only (its district's name too), and
    every publish and snippet change renews the version. Per request only the key's values are read (no page
    instances: 5 events' 59 columns each were a third of the list's time); a card not kept yet loads the events
    of the page in one query."""
    loaded = {}

    def render(row, free):
        if not loaded:
            loaded.update((event.pk, event) for event in EventPage.objects.filter(
                pk__in=[each.pk for each in rows]).select_related("district"))
        event = loaded.get(row.pk)
        if event is None:  # deleted since the list was read: its deletion renews the content version
            return ""
        event.free_places = free
        return render_to_string("events/includes/event_card.html", {"event": event, "show_places": True},
                                request=request)

    now, language = timezone.now(), translation.get_language()
    cards = []
    for row in rows:
        free = max(0, row.capacity - row.taken) if row.registration and row.capacity is not None else None
        cards.append(chrome(request, "event-list-card", partial(render, row, free), row.pk, free, row.ends_at < now,
                            language))
    return [mark_safe(card) for card in cards]  # noqa: S308 - our template's own output, escaped when it was rendered


def event_ics(request, page_id):
    """One event's calendar file; a cancelled event's is a cancellation (METHOD:CANCEL)."""
    from django.shortcuts import get_object_or_404

    from participation.events.calendar import event_ics as ics

    return ics(request, get_object_or_404(EventPage.objects.live().public(), pk=page_id))


def events_ics(request):
    """The feed of every public event from 30 days ago on (calendar apps subscribe to it)."""
    since = timezone.now() - datetime.timedelta(days=30)
    events = public_events(request).filter(ends_at__gte=since).order_by("starts_at")
    return ics_response(calendar(events), "termine.ics")
