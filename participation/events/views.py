"""Public event pages and the event list ("Termine")."""

from django.template.response import TemplateResponse

from core.i18n import LANGUAGES_SPOKEN, source_of
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
        "photos": [photo for photo in page.photos.select_related("image") if photo.consent],
    }
    return TemplateResponse(request, "events/event_page.html", context)
