"""On the day, in Wagtail's admin, for the event's organisers (participation.events.rules.can_organise; anyone
else gets 403): the numbered participant list and the sign-in sheet for walk-ins (PDF, ?gross=1 for large
print), the poster with its QR code, and the check-in screen.

The check-in screen is plain HTML forms, so it works without JavaScript, with the keyboard alone and on a
tablet: a search field (GET), one button per person that checks her in or undoes it (POST), and + / − for
walk-ins, who are counted, not named. Every change answers with a redirect back to the person's row (the
fragment keeps the keyboard's place in the list). The walk-in counter is changed in the database (F()), so two
tablets at the door never lose a count, and it never goes below zero.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.panels import PageAction
from core.pdf import pdf_response
from participation.events import printing, rules
from participation.events.models import EventPage, Registration


def organisers_only(view):
    """The view gets the event instead of its id; people who do not organise it get a 403 page (Wagtail's admin
    would turn a PermissionDenied into a redirect to its home page)."""

    @wraps(view)
    def wrapped(request, page_id, *args, **kwargs):
        event = get_object_or_404(EventPage.objects.select_related("district"), pk=page_id)
        if not rules.can_organise(request.user, event):
            return TemplateResponse(request, "events/admin/forbidden.html", {
                "page_title": event.title, "header_title": event.title, "event": event}, status=403)
        return view(request, event, *args, **kwargs)

    return wrapped


def _large(request):
    return request.GET.get("gross") == "1"


def _suffix(request):
    return "-gross" if _large(request) else ""


@organisers_only
def participant_list(request, event):
    pdf, _refused = printing.participant_list_pdf(event, large=_large(request))
    return pdf_response(pdf, f"{event.slug}-teilnehmende{_suffix(request)}.pdf")


@organisers_only
def sign_in_sheet(request, event):
    pages = request.GET.get("seiten", "1")
    pdf, _refused = printing.sign_in_sheet_pdf(event, large=_large(request),
                                               pages=int(pages) if pages.isdigit() else 1)
    return pdf_response(pdf, f"{event.slug}-eintragen{_suffix(request)}.pdf")


@organisers_only
def poster(request, event):
    pdf, _refused = printing.poster_pdf(event, large=_large(request))
    return pdf_response(pdf, f"{event.slug}-plakat{_suffix(request)}.pdf")


def check_in_counts(event):
    """(checked in, registered) among the registered people: one query."""
    counts = event.registrations.filter(status=Registration.Status.REGISTERED).aggregate(
        registered=Count("pk"), attended=Count("pk", filter=Q(attended_at__isnull=False)))
    return counts["attended"], counts["registered"]


@organisers_only
def check_in(request, event):
    """The check-in screen: the registered people (found by name or receipt number), their buttons, the
    walk-ins."""
    query = request.GET.get("q", "").strip()
    people = event.registrations.filter(status=Registration.Status.REGISTERED).order_by("name", "pk")
    if query:
        people = people.filter(Q(name__icontains=query) | Q(reference__icontains=query))
    attended, registered = check_in_counts(event)
    return TemplateResponse(request, "events/admin/check_in.html", {
        "page_title": _("Check-in: %(title)s") % {"title": event.title},
        "header_title": _("Check-in: %(title)s") % {"title": event.title}, "header_icon": "user",
        "event": event, "people": list(people), "query": query, "attended": attended, "registered": registered,
        "print_links": print_links(event),
    })


def _back(event, request, anchor=""):
    query = request.POST.get("q", "").strip()
    url = reverse("events_check_in", args=[event.pk]) + (f"?{urlencode({'q': query})}" if query else "")
    return redirect(url + (f"#{anchor}" if anchor else ""))


@require_POST
@organisers_only
def toggle_attendance(request, event, registration_id):
    """Check a registered person in (who and when are kept), or undo it."""
    registration = get_object_or_404(event.registrations, pk=registration_id,
                                     status=Registration.Status.REGISTERED)
    if request.POST.get("attended") == "1":
        updated = event.registrations.filter(pk=registration.pk, attended_at__isnull=True).update(
            attended_at=timezone.now(), checked_in_by=request.user, updated_at=timezone.now())
        if updated:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    else:
        event.registrations.filter(pk=registration.pk).update(attended_at=None, checked_in_by=None,
                                                              updated_at=timezone.now())
        messages.info(request, _("Check-in of %(name)s undone.") % {"name": registration.name})
    return _back(event, request, f"person-{registration.pk}")


@require_POST
@organisers_only
def count_walk_in(request, event):
    """+1 or −1 walk-in, in the database (never below zero)."""
    events = EventPage.objects.filter(pk=event.pk)
    if request.POST.get("change") == "+1":
        events.update(walk_ins=F("walk_ins") + 1)
    elif request.POST.get("change") == "-1":
        events.filter(walk_ins__gt=0).update(walk_ins=F("walk_ins") - 1)
    return _back(event, request, "walk-ins")


urlpatterns = [
    path("events/<int:page_id>/check-in/", check_in, name="events_check_in"),
    path("events/<int:page_id>/check-in/<int:registration_id>/", toggle_attendance, name="events_attendance"),
    path("events/<int:page_id>/walk-ins/", count_walk_in, name="events_walk_ins"),
    path("events/<int:page_id>/participants.pdf", participant_list, name="events_participant_list"),
    path("events/<int:page_id>/sign-in-sheet.pdf", sign_in_sheet, name="events_sign_in_sheet"),
    path("events/<int:page_id>/poster.pdf", poster, name="events_poster"),
]

PRINTS = (
    ("events_participant_list", gettext_lazy("Participant list (PDF)"),
     gettext_lazy("Participant list, large print (PDF)")),
    ("events_sign_in_sheet", gettext_lazy("Sign-in sheet for walk-ins (PDF)"),
     gettext_lazy("Sign-in sheet for walk-ins, large print (PDF)")),
    ("events_poster", gettext_lazy("Poster (PDF)"), gettext_lazy("Poster, large print (PDF)")),
)


def print_links(event):
    """[(label, url)] of what organisers print, each in standard and large print."""
    links = []
    for name, label, large_label in PRINTS:
        url = reverse(name, args=[event.pk])
        links += [(label, url), (large_label, url + "?gross=1")]
    return links


def page_actions(page, user):
    event = page.specific_deferred
    if not isinstance(event, EventPage) or not rules.can_organise(user, event):
        return
    yield PageAction(_("Check-in"), reverse("events_check_in", args=[page.pk]), "user", 70)
    for priority, (name, label, _large_label) in enumerate(PRINTS, start=71):
        yield PageAction(label, reverse(name, args=[page.pk]), "doc-full", priority)


def listing_buttons(page, user):
    """The same actions in the "…" menu of the event's row in the page listing."""
    from wagtail.admin.widgets import Button

    for action in page_actions(page, user):
        yield Button(action.label, action.url, icon_name=action.icon, priority=action.priority)
