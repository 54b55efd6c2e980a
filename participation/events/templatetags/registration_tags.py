"""What the event page's registration box shows: the form, or why there is none."""

from django import template
from django.utils import timezone

from core.i18n import source_of
from participation.events import notifications
from participation.events.forms import RegistrationForm
from participation.events.models import Registration

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_box(context, page):
    """state: none (no registration needed), cancelled, closed (started or over), registered (her own account's
    registration, with its link) or open (with the form: the one sent back with mistakes, else a new one)."""
    event = source_of(page)
    request = context["request"]
    if not event.registration:
        return {"state": "none"}
    if event.cancelled:
        return {"state": "cancelled"}
    if event.starts_at <= timezone.now():
        return {"state": "closed"}
    if request.user.is_authenticated:
        own = Registration.objects.filter(event=event, user=request.user, status__in=Registration.ACTIVE).first()
        if own is not None:
            return {"state": "registered", "registration": own, "url": notifications.detail_path(own, page)}
    form = context.get("registration_form") or RegistrationForm(event=event, user=request.user)
    # A new, empty form for a guest looks the same for everyone apart from its signed start time: its fields are
    # rendered once per content version and language (the template's contentcache).
    shared = not form.is_bound and not request.user.is_authenticated
    return {"state": "open", "form": form, "deadline": event.request_deadline, "shared_fields": shared,
            "action": page.url + page.reverse_subpage("register")}
