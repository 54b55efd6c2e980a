"""The one-click links in mails, usable without signing in: take an offered place, "yes, I'll come",
"I can't come". A GET only shows a page (mail scanners open links); the button on it POSTs the change."""

from functools import wraps

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from volunteering.models import Signup
from volunteering.notifications import LINKS, link_url, signup_from_token
from volunteering.signup import SignupError, accept_offer, cancel

CANCELLABLE = (Signup.Status.REQUESTED, Signup.Status.CONFIRMED, Signup.Status.OFFERED, Signup.Status.WAITLISTED)


def _from_link(request, action):
    """The sign-up the link is for, or the page that says the link does not work (400)."""
    token = request.GET.get("token", "")[:500]
    try:
        return signup_from_token(token, action), token, None
    except signing.BadSignature:
        days = LINKS[action]["max_age"] // 86400
        return None, token, TemplateResponse(request, "volunteering/links/invalid.html", {"days": days}, status=400)


def _link_view(action, methods):
    """A view for one kind of link: it gets the link's sign-up and token, or never runs if the link does not work."""

    def decorate(view):
        @require_http_methods(methods)
        @wraps(view)
        def wrapped(request):
            signup, token, refused = _from_link(request, action)
            if refused:
                return refused
            return view(request, signup, token)

        return wrapped

    return decorate


def _cancellable(signup):
    # A declined request stays declined (withdrawing it would open the way to signing up again).
    return signup.status in CANCELLABLE and signup.shift.starts_at > timezone.now()


def _back(request):
    return redirect(request.get_full_path())


@_link_view("accept", ["GET", "POST"])
def take_offer(request, signup, token):
    if request.method == "POST":
        try:
            accept_offer(signup.pk, signup.volunteer)
        except SignupError as error:
            messages.error(request, str(error))
        return _back(request)  # the page then says how things stand
    expired = signup.offer_expires_at is not None and signup.offer_expires_at <= timezone.now()
    return TemplateResponse(request, "volunteering/links/take_offer.html",
                            {"signup": signup, "token": token, "expired": expired})


@_link_view("confirm", ["GET"])
def confirm_attendance(request, signup, _token):
    """"Yes, I'll come": nothing to change (the place is held already); a thank-you and a way out."""
    holding = signup.status in (Signup.Status.CONFIRMED, Signup.Status.REQUESTED)
    cancel_url = link_url(signup, "cancel", root="") if holding else ""
    return TemplateResponse(request, "volunteering/links/confirm_attendance.html",
                            {"signup": signup, "holding": holding, "cancel_url": cancel_url})


@_link_view("cancel", ["GET", "POST"])
def cancel_signup(request, signup, token):
    if request.method == "POST":
        if _cancellable(signup):
            cancel(signup.pk, signup.volunteer)
        return _back(request)
    return TemplateResponse(request, "volunteering/links/cancel.html",
                            {"signup": signup, "token": token, "cancellable": _cancellable(signup)})
