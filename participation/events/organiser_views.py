"""Organisers' tools in the Wagtail admin: an event's registrations, the desk and phone registration, and the
private queue of accessibility requests (per event, and across all events someone organises: the menu item
"Accessibility requests").

Who: the event's organisers and superusers (rules.can_organise); everyone else gets 403, also other staff. The
organisers must be able to enter the admin (a staff group), which Wagtail checks before these views. Requests are
never shown on the public site; only she sees the answers, on her registration's page and by mail.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from core.i18n import data_holders, source_of
from core.panels import PageAction
from participation.events import notifications, rules
from participation.events import registration as booking
from participation.events.forms import AnswerForm, DeskRegistrationForm
from participation.events.models import AccessibilityRequest, EventPage, Registration


def _event(request, page_id):
    """The event (its source page, which holds the registrations) for its organisers; 403 for anyone else."""
    event = source_of(get_object_or_404(EventPage, pk=page_id))
    if not rules.can_organise(request.user, event):
        raise PermissionDenied
    return event


def organised_events(user):
    """The events whose registrations `user` sees: all for a superuser, else those she organises. Each once: the
    page that holds the registrations, not its translations (core.i18n.data_holders)."""
    if not user.is_authenticated or not user.is_active:
        return EventPage.objects.none()
    events = data_holders(EventPage.objects.all())
    return events if user.is_superuser else events.filter(organisers=user)


def registrations(request, page_id):
    """Everyone registered, in the order they came, with status, channel and how many requests they made."""
    event = _event(request, page_id)
    rows = (Registration.objects.filter(event=event).exclude(status=Registration.Status.UNCONFIRMED)
            .annotate(request_count=Count("requests")).order_by("created_at", "pk"))
    counts = dict.fromkeys(Registration.Status.values, 0)
    for row in Registration.objects.filter(event=event).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return TemplateResponse(request, "events/admin/registrations.html", {
        "event": event, "registrations": rows, "counts": counts,
        "open_requests": AccessibilityRequest.objects.standing().filter(
            registration__event=event, status=AccessibilityRequest.Status.OPEN).count(),
    })


def register_at_desk(request, page_id):
    """Staff register a resident who came to the desk or called: booked at once, no confirmation needed."""
    event = _event(request, page_id)
    form = DeskRegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = booking.register(
                event.pk, name=data["name"], email=data["email"], phone=data["phone"],
                postal_address=data["postal_address"], channel=data["channel"], registered_by=request.user,
                consent_updates=data["consent_updates"], language=translation.get_language() or "de",
                requests=data.get("requests", ()), details=data.get("details", "").strip())
        except booking.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is registered (%(status)s), receipt number %(reference)s.") % {
                "name": registration.name, "status": registration.get_status_display(),
                "reference": registration.reference})
            return redirect("events_registrations", event.pk)
    return TemplateResponse(request, "events/admin/register_at_desk.html", {"event": event, "form": form})


def _requests():
    return AccessibilityRequest.objects.standing().select_related("registration__event")


def event_requests(request, page_id):
    """The event's requests, open ones first."""
    event = _event(request, page_id)
    items = _requests().filter(registration__event=event).order_by("created_at", "pk")
    items = sorted(items, key=lambda item: item.status != AccessibilityRequest.Status.OPEN)  # stable: open first
    return TemplateResponse(request, "events/admin/requests.html", {"event": event, "items": items})


def request_inbox(request):
    """Open requests across the events the user organises that have not ended, the soonest deadline first; and
    those events, with their registrations (organisers who may not edit the page find them here)."""
    events = organised_events(request.user).filter(ends_at__gte=timezone.now())
    items = (_requests().filter(registration__event__in=events, status=AccessibilityRequest.Status.OPEN)
             .order_by("registration__event__starts_at", "created_at", "pk"))
    return TemplateResponse(request, "events/admin/requests.html", {
        "event": None, "items": items, "events": events.order_by("starts_at", "pk")[:50]})


def answer_request(request, request_id):
    item = get_object_or_404(AccessibilityRequest.objects.select_related("registration__event"), pk=request_id)
    event = item.registration.event
    if not rules.can_organise(request.user, event):
        raise PermissionDenied
    initial = {"status": item.status, "answer": item.answer} if item.status != AccessibilityRequest.Status.OPEN else {}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        item.status, item.answer = form.cleaned_data["status"], form.cleaned_data["answer"]
        item.answered_at, item.answered_by = timezone.now(), request.user
        item.save(update_fields=["status", "answer", "answered_at", "answered_by"])
        notifications.mail_after_commit(item.registration, "answer", request_id=item.pk)
        messages.success(request, _("The answer is saved and mailed to %(name)s.") % {"name": item.registration.name}
                         if notifications.recipient(item.registration) else
                         _("The answer is saved. %(name)s has no email address: please tell her by phone or post.")
                         % {"name": item.registration.name})
        return redirect("events_requests", event.pk)
    return TemplateResponse(request, "events/admin/answer_request.html",
                            {"event": event, "item": item, "form": form})


urlpatterns = [
    path("events/requests/", request_inbox, name="events_request_inbox"),
    path("events/requests/<int:request_id>/", answer_request, name="events_request_answer"),
    path("events/<int:page_id>/requests/", event_requests, name="events_requests"),
    path("events/<int:page_id>/registrations/", registrations, name="events_registrations"),
    path("events/<int:page_id>/registrations/new/", register_at_desk, name="events_register_at_desk"),
]


def page_actions(page, user):
    if not isinstance(page.specific_deferred, EventPage):
        return
    event = source_of(page.specific)
    if not event.registration or not rules.can_organise(user, event):
        return
    yield PageAction(gettext_lazy("Registrations"), reverse("events_registrations", args=[page.pk]), "group", 70)
    yield PageAction(gettext_lazy("Register someone (desk, phone)"),
                     reverse("events_register_at_desk", args=[page.pk]), "plus", 71)
    yield PageAction(gettext_lazy("Accessibility requests"), reverse("events_requests", args=[page.pk]), "help", 72)


class RequestsMenuItem(MenuItem):
    """Shown to superusers and to whoever organises an event."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or EventPage.objects.filter(organisers=user).exists()


def menu_item():
    return RequestsMenuItem(gettext_lazy("Accessibility requests"), reverse_lazy("events_request_inbox"),
                            icon_name="help", order=245)

