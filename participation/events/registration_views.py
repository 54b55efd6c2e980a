"""Registering for an event (the form is on the event page) and the registration's own page: her receipt with
the status, her place in the waiting line and the answers to her requests, where a guest confirms her email
address and anyone cancels or takes an offered place.

The registration's page opens with the signed link from her mails (participation.events.notifications), or for
her own account. Anyone else gets 404, so the addresses tell nobody which receipt numbers exist.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import antispam
from core.i18n import source_of
from participation.events import notifications
from participation.events import registration as booking
from participation.events.forms import RegistrationForm
from participation.events.models import Registration

BOX = "#registration"


def register(request, page):
    """POST of the form on the event page; a form with mistakes comes back on the event page itself."""
    from participation.events.views import event_page

    event = source_of(page)
    if request.method != "POST" or not event.takes_registrations:
        return redirect(page.url + BOX)
    user = request.user
    email = user.email if user.is_authenticated else request.POST.get("email", "")
    problem = antispam.check(request, "event_registration", email=email)
    form = RegistrationForm(request.POST, event=event, user=user)
    valid = form.is_valid()
    extra, status = {}, 200
    if problem is not None and problem.limited:
        extra, status = antispam.limited_context(problem, kept=True), 429
    elif problem is not None and valid:  # with mistakes in the form, those are what she needs to read
        form.add_error(None, problem.message)
    elif valid and problem is None:
        return _registered(request, page, event, form)
    response = event_page(request, page)
    response.context_data.update({"registration_form": form, **extra})
    response.status_code = status
    return response


def _registered(request, page, event, form):
    data, user = form.cleaned_data, request.user
    try:
        registration = booking.register(
            event.pk, name=data["name"], user=user if user.is_authenticated else None,
            email=user.email if user.is_authenticated else data["email"],
            language=translation.get_language() or "de", consent_updates=data["consent_updates"],
            requests=data.get("requests", ()), details=data.get("details", "").strip())
    except booking.RegistrationError as error:
        messages.error(request, str(error))
        return redirect(page.url)  # the message stands at the top of the page, where the redirect lands
    if registration.status == Registration.Status.UNCONFIRMED or not user.is_authenticated:
        # The same words whether the address was new or registered already (then the mail holds the link to her
        # registration again): the form tells nobody who is registered for what. Her page opens only with the
        # link in her mail, never for whoever types the address into the form.
        messages.success(request, _(
            "Almost done: we have sent a link to %(email)s. Please click it to confirm your registration; until "
            "then no place is kept for you.") % {"email": data["email"]})
        return redirect(page.url)  # not to the form further down: the message at the top would be out of sight
    if getattr(registration, "resent", False):
        messages.info(request, _("You are already registered for this event. Here is your registration."))
    return redirect(notifications.detail_path(registration, page))


def _registration(request, page, reference, token):
    event = source_of(page)
    registration = (Registration.objects.select_related("event").prefetch_related("requests")
                    .filter(event=event, reference=reference).first())
    if registration is None:
        raise Http404
    own = request.user.is_authenticated and registration.user_id == request.user.pk
    if not (own or notifications.token_matches(registration, token)):
        raise Http404
    return registration


def registration_detail(request, page, reference, token):
    registration = _registration(request, page, reference, token)
    if request.method == "POST":
        action = request.POST.get("action")
        done = {"confirm": (booking.confirm, None), "cancel": (booking.cancel, _("Your registration is cancelled.")),
                "accept": (booking.accept_offer, _("The place is yours. We look forward to seeing you."))}
        if action not in done:
            raise Http404
        if action == "cancel" and request.POST.get("sure") != "on":
            # One tap on a phone must not give a place away: the box says she means it.
            messages.error(request, _("Please tick “Yes, I cannot come” to cancel. Your registration stays."))
            return redirect(notifications.detail_path(registration, page) + "#cancel-heading")
        change, message = done[action]
        try:
            registration = change(registration.pk)
        except booking.RegistrationError as error:
            messages.error(request, str(error))
        else:
            if action == "confirm":
                message = (_("Thank you: your registration is confirmed.")
                           if registration.status == Registration.Status.REGISTERED
                           else _("Thank you: your email address is confirmed. The event is fully booked, so you "
                                  "are on the waiting list."))
            messages.success(request, message)
        return redirect(notifications.detail_path(registration, page))
    event = registration.event
    now = timezone.now()
    context = {
        "page": page, "event": event, "registration": registration,
        "requests": list(registration.requests.all()),
        "waiting_position": booking.waiting_position(registration),
        "can_cancel": registration.status in Registration.ACTIVE and event.ends_at > now,
        "can_accept": registration.status == Registration.Status.OFFERED
        and (registration.offer_expires_at is None or registration.offer_expires_at > now),
        "action_url": notifications.detail_path(registration, page),
    }
    return TemplateResponse(request, "events/registration_detail.html", context)
