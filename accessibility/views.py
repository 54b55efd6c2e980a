"""Public views: the barrier report form and its confirmation, and the display preferences."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from accessibility import feedback as feedback_flow
from accessibility.display import COOKIE_MAX_AGE, COOKIE_NAME, cookie_value, modes_from_cookie
from accessibility.forms import DisplayForm, FeedbackForm
from accessibility.models import AccessibilityStatementPage, FeedbackTicket
from core import antispam

THANKS_SALT = "accessibility.feedback-thanks"


def _local_path(request, value):
    """A path on this site, from a parameter or the Referer; anything else (another host, a scheme) is ""."""
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.netloc and parts.netloc != request.get_host():
        return ""
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith("//"):
        return ""
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}) else ""


@require_http_methods(["GET", "POST"])
def feedback(request):
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            problem = antispam.check(request, "barrier_report", email=form.cleaned_data.get("email"), started=None)
            if problem is not None and problem.limited:
                return TemplateResponse(request, "accessibility/feedback_form.html", {
                    "form": form, "limited": problem, "kept": True, **_contact()}, status=429)
            if problem is not None:
                form.add_error(None, problem.message)
                return TemplateResponse(request, "accessibility/feedback_form.html", {"form": form})
            ticket = feedback_flow.receive(form, translation.get_language(), Site.find_for_request(request))
            token = signing.dumps(ticket.pk, salt=THANKS_SALT)
            return redirect(reverse("accessibility:feedback_thanks") + "?" + urlencode({"t": token}))
    else:
        page = _local_path(request, request.GET.get("seite")) or _local_path(request, request.headers.get("Referer"))
        form = FeedbackForm(initial={"page": "" if page.startswith(reverse("accessibility:feedback")) else page})
    return TemplateResponse(request, "accessibility/feedback_form.html", {"form": form})


def _contact():
    """Whom to ask instead: the contact of the accessibility statement, else the site's participation contact."""
    statement = AccessibilityStatementPage.objects.live().order_by("depth", "path").first()
    if statement is not None:
        return {"contact_email": statement.contact_email, "contact_phone": statement.contact_phone}
    return {"contact_email": settings.PARTICIPATION_CONTACT_EMAIL,
            "contact_phone": settings.PARTICIPATION_CONTACT_PHONE}


@require_GET
def feedback_thanks(request):
    """The confirmation after sending: the number to quote, and when to expect the answer. The signed link
    shows nothing but the report's number and dates, and only for a day."""
    try:
        ticket_id = signing.loads(request.GET.get("t", ""), salt=THANKS_SALT, max_age=24 * 3600)
    except signing.BadSignature as exc:
        raise Http404 from exc
    ticket = get_object_or_404(FeedbackTicket, pk=ticket_id)
    return TemplateResponse(request, "accessibility/feedback_thanks.html", {"ticket": ticket})


# No CSRF token: the form changes nothing but the visitor's own display cookie, and without a token the
# page sets no cookie at all before the visitor chooses (TTDSG § 25).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def display(request):
    saved = request.GET.get("gespeichert") == "1"
    if request.method == "POST":
        form = DisplayForm(request.POST)
        if form.is_valid():
            back = _local_path(request, form.cleaned_data["next"])
            response = redirect(back or reverse("accessibility:display") + "?gespeichert=1")
            modes = [] if "reset" in request.POST else form.cleaned_data["modes"]
            if modes:
                response.set_cookie(COOKIE_NAME, cookie_value(modes), max_age=COOKIE_MAX_AGE, samesite="Lax",
                                    httponly=True, secure=request.is_secure())
            elif COOKIE_NAME in request.COOKIES:
                response.delete_cookie(COOKIE_NAME, samesite="Lax")
            return response
    else:
        back = _local_path(request, request.GET.get("next")) or _local_path(request, request.headers.get("Referer"))
        form = DisplayForm(initial={"modes": modes_from_cookie(request),
                                    "next": "" if back.startswith(reverse("accessibility:display")) else back})
    return TemplateResponse(request, "accessibility/display.html",
                            {"form": form, "saved": saved, "current": modes_from_cookie(request)})
